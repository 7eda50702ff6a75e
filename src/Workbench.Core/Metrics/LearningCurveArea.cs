namespace Workbench.Metrics;

/// <summary>
/// Area under the learning curve by the trapezoid rule over rounds 0..R, divided by R: a curve flat at accuracy a has area a,
/// so strategies compare by their average accuracy over the whole campaign, not only at its end.
/// </summary>
public static class LearningCurveArea
{
    /// <summary>Normalised area under <paramref name="accuracies"/> (round 0 first); the single value when there is one round.</summary>
    /// <exception cref="ArgumentException">No values.</exception>
    public static double Of(IReadOnlyList<double> accuracies)
    {
        ArgumentNullException.ThrowIfNull(accuracies);
        if (accuracies.Count == 0) throw new ArgumentException("A learning curve needs at least one point.", nameof(accuracies));
        if (accuracies.Count == 1) return accuracies[0];
        double area = 0;
        for (int i = 1; i < accuracies.Count; i++) area += (accuracies[i - 1] + accuracies[i]) / 2;
        return area / (accuracies.Count - 1);
    }
}
