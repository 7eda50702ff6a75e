using Workbench.Engine;

namespace Workbench.Loop;

/// <summary>
/// The model's predictions for the candidates of one round: row i of <see cref="Predictions"/> belongs to
/// <see cref="Ids"/>[i]. <see cref="PoolSize"/> is the whole unlabelled pool, of which the candidates may be a
/// random subsample.
/// </summary>
public sealed record PoolPredictions(int Round, IReadOnlyList<int> Ids, Predictions Predictions, int PoolSize, TimeSpan Duration);
