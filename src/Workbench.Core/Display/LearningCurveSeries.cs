// Display layer: one point of a learning curve.
namespace Workbench.Display;

/// <summary>One point of a learning curve: at <paramref name="X"/> (usually the round) the mean and standard deviation over runs, as fractions in [0, 1].</summary>
public sealed record LearningCurvePoint(double X, double Mean, double Std = 0);

/// <summary>
/// One line of a <see cref="LearningCurveChart"/>: measured points (mean ± std band) and optional
/// published reference points drawn dashed in the same colour.
/// </summary>
public sealed record LearningCurveSeries(string Name, IReadOnlyList<LearningCurvePoint> Points,
    IReadOnlyList<LearningCurvePoint>? Reference = null);
