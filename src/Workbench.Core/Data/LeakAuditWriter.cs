using System.Globalization;
using System.Text;

namespace Workbench.Data;

/// <summary>Plain-text or Markdown rendering of a <see cref="LeakAuditReport"/>.</summary>
internal static class LeakAuditWriter
{
    public static string Write(LeakAuditReport report, bool markdown)
    {
        var text = new StringBuilder();
        var title = $"Near-copy leak audit: {report.DataSetName} (threshold {report.Threshold} of {CellHash.Bits} bits)";
        text.AppendLine(markdown ? $"### {title}" : title);
        if (markdown)
            text.AppendLine();
        text.AppendLine($"Method: {report.Method}.");
        text.AppendLine("A test image with a near-copy on the training side is (almost surely) an augmented copy of a cell the model trained on.");
        text.AppendLine();

        // The stratified audit's extra columns only where it was run: BCCD's report keeps its columns.
        bool cells = report.Splits.Any(s => s.TestCells is not null);
        string[] header = ["split", "seed", "test images", "with near-copy", "%", $"per class ({string.Join("/", report.ClassNames.Select(Abbreviation))})"];
        var rows = new List<string[]> { cells ? [.. header, "near-copy of the same class", "distinct cells in test"] : header };
        rows.AddRange(report.Splits.Select(s =>
        {
            string[] row = [s.SplitName, s.Seed?.ToString(CultureInfo.InvariantCulture) ?? "-", N(s.TestCount), N(s.TestWithNearCopy), P(s.Fraction),
                string.Join("/", s.NearCopiesPerClass.Select(N))];
            return cells ? [.. row, N(s.SameClassNearCopies), s.TestCells is { } n ? N(n) : "-"] : row;
        }));
        DataCheckReportWriter.Table(text, markdown, rows);
        if (cells)
        {
            // Where the near-copies sit below the threshold: identical images at 0, collisions of different cells near it.
            text.AppendLine();
            foreach (var s in report.Splits)
                text.AppendLine((markdown ? "- " : "  ") + $"{s.SplitName} seed {s.Seed}: test images by distance to the nearest training image, 0..{s.Threshold} bits: "
                    + string.Join(" ", s.NearestDistanceCounts.Take(s.Threshold + 1).Select(N)));
        }

        if (report.Splits.Select(s => s.SplitName).Distinct().Count() < report.Splits.Count)
        {
            text.AppendLine();
            text.AppendLine("Mean over seeds: " + string.Join(", ", report.MeanFractionBySplit.Select(p => $"{p.Key} {P(p.Value)}%")));
        }

        if (report.SourceIndex is { } index)
        {
            text.AppendLine();
            text.AppendLine(
                $"File-name index check ({index.Folder}): {N(index.WithNearCopy)} of {N(index.Images)} images have a near-copy in their own class folder; "
                + $"{N(index.SameSourceIndex)} ({P(index.SameIndexRate)}%) share its `_k_` index (chance: {P(index.ChanceRate)}%). "
                + (index.SameIndexRate < 2 * index.ChanceRate + 0.05
                    ? "So k is not the source cell, and the grouped split (groups by k) does not keep a cell on one side."
                    : "So k mostly names the source cell."));
        }

        var withExamples = report.Splits.Where(s => s.Examples.Count > 0).GroupBy(s => s.SplitName).Select(g => g.First()).ToList();
        if (withExamples.Count > 0)
        {
            text.AppendLine();
            text.AppendLine(markdown ? "Example near-copies (test ~ train, distance):" : "Example near-copies (test ~ train, distance):");
            foreach (var audit in withExamples)
                foreach (var pair in audit.Examples)
                    text.AppendLine((markdown ? "- " : "  ") + $"{audit.SplitName}: {Code(pair.TestPath, markdown)} ~ {Code(pair.TrainPath, markdown)} ({pair.Distance})");
        }
        return text.ToString();
    }

    private static string Abbreviation(string className) => className.Length <= 3 ? className : className[..3];

    private static string Code(string path, bool markdown) => markdown ? $"`{path}`" : path;

    private static string N(int value) => value.ToString("N0", CultureInfo.InvariantCulture);

    private static string P(double fraction) => (100 * fraction).ToString("0.0", CultureInfo.InvariantCulture);
}
