using System.Globalization;
using System.Text;

namespace Workbench.Metrics;

/// <summary>
/// Everything one evaluation reports (scikit-learn's classification_report): accuracy, macro-F1,
/// per-class precision/recall/F1/support and the confusion matrix, with class names.
/// </summary>
public sealed record ClassificationReport(
    IReadOnlyList<string> ClassNames, ConfusionMatrix Confusion, double Accuracy, double MacroF1, IReadOnlyList<ClassMetrics> PerClass)
{
    /// <summary>Evaluates <paramref name="predicted"/> against <paramref name="truth"/>; class i is called <paramref name="classNames"/>[i].</summary>
    /// <exception cref="ArgumentException">Lengths differ, a label is out of range, or no class names are given.</exception>
    public static ClassificationReport Create(IReadOnlyList<int> truth, IReadOnlyList<int> predicted, IReadOnlyList<string> classNames)
    {
        ArgumentNullException.ThrowIfNull(classNames);
        if (classNames.Count == 0)
            throw new ArgumentException("At least one class name is needed.", nameof(classNames));
        return FromConfusion(ConfusionMatrix.From(truth, predicted, classNames.Count), classNames);
    }

    /// <summary>Builds the report from an existing confusion matrix.</summary>
    public static ClassificationReport FromConfusion(ConfusionMatrix confusion, IReadOnlyList<string> classNames)
    {
        ArgumentNullException.ThrowIfNull(confusion);
        ArgumentNullException.ThrowIfNull(classNames);
        if (classNames.Count != confusion.NumClasses)
            throw new ArgumentException(
                $"{classNames.Count} class names for a {confusion.NumClasses}-class confusion matrix.", nameof(classNames));
        var perClass = Enumerable.Range(0, confusion.NumClasses)
            .Select(c => new ClassMetrics(classNames[c], confusion.Precision(c), confusion.Recall(c), confusion.F1(c), confusion.Support(c)))
            .ToArray();
        return new ClassificationReport(classNames.ToArray(), confusion, confusion.Accuracy, confusion.MacroF1, perClass);
    }

    /// <summary>A fixed-width text table, one line per class, then accuracy and macro-F1.</summary>
    public string ToText()
    {
        int width = Math.Max(9, ClassNames.Max(n => n.Length));
        var text = new StringBuilder();
        text.AppendLine(string.Create(CultureInfo.InvariantCulture, $"{"class".PadRight(width)}  precision  recall     f1  support"));
        foreach (var row in PerClass)
            text.AppendLine(string.Create(CultureInfo.InvariantCulture,
                $"{row.Name.PadRight(width)}  {row.Precision,9:F3}  {row.Recall,6:F3}  {row.F1,5:F3}  {row.Support,7}"));
        text.AppendLine(string.Create(CultureInfo.InvariantCulture, $"{"accuracy".PadRight(width)}  {Accuracy,9:F3}  ({Confusion.Total} samples)"));
        text.AppendLine(string.Create(CultureInfo.InvariantCulture, $"{"macro-F1".PadRight(width)}  {MacroF1,9:F3}"));
        return text.ToString();
    }
}
