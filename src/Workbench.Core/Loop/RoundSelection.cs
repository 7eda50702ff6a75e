using System.Text.Json.Serialization;
using Workbench.Oracle;
using Workbench.Selection;

namespace Workbench.Loop;

/// <summary>
/// What one round chose, on one set of predictions, disjoint by construction: pseudo-labels (SSL) or CST proposals
/// with their proposed labels, and the active-learning queries. The oracle reviews and answers in
/// <see cref="Experiment.Label"/>. Each selection keeps the scores behind it.
/// </summary>
public sealed record RoundSelection(int Round, SelectionResult PseudoLabels, SelectionResult Queries, int Candidates, TimeSpan Duration)
{
    /// <summary>The unlabelled pool the candidates came from (its size, and how many were predicted).</summary>
    /// <remarks>Not saved with a waiting round's selection: <see cref="AwaitingSelection"/> keeps the pool size.</remarks>
    [JsonIgnore] public PoolSummary Pool { get; init; } = new(0, Candidates);

    /// <summary>Time spent predicting the candidates.</summary>
    [JsonIgnore] public TimeSpan PredictDuration { get; init; }

    /// <summary>The model's three most likely classes for every chosen sample id (what a person is shown beside a question).</summary>
    [JsonIgnore] public IReadOnlyDictionary<int, ClassProbability[]> Top { get; init; } = new Dictionary<int, ClassProbability[]>();

    /// <summary>True when nothing was chosen.</summary>
    public bool IsEmpty => PseudoLabels.Count == 0 && Queries.Count == 0;

    /// <summary>
    /// This selection, after checking that every chosen id is one of <paramref name="candidates"/> and is chosen once
    /// (a strategy bug must not corrupt the labelled pool).
    /// </summary>
    /// <exception cref="InvalidOperationException">An id is chosen twice or is not a candidate.</exception>
    public RoundSelection CheckedAgainst(IReadOnlyList<int> candidates)
    {
        ArgumentNullException.ThrowIfNull(candidates);
        var allowed = candidates.ToHashSet();
        var seen = new HashSet<int>();
        foreach (int id in PseudoLabels.Ids.Concat(Queries.Ids))
            if (!allowed.Contains(id) || !seen.Add(id))
                throw new InvalidOperationException($"Round {Round}: sample {id} was chosen twice or is not a candidate.");
        return this;
    }

    /// <summary>The model's three most likely classes (probabilities rounded to 6 digits) for each of <paramref name="ids"/>.</summary>
    internal static Dictionary<int, ClassProbability[]> TopOf(PoolPredictions predicted, IEnumerable<int> ids)
    {
        var rowOf = predicted.Ids.Select((id, row) => (id, row)).ToDictionary(p => p.id, p => p.row);
        return ids.ToDictionary(id => id, id => predicted.Predictions.Row(rowOf[id]).ToArray()
            .Select((p, label) => new ClassProbability(label, Math.Round(p, 6)))
            .OrderByDescending(c => c.Probability).ThenBy(c => c.Label).Take(3).ToArray());
    }
}
