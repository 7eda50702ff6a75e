using System.Collections;
using System.Globalization;
using System.Reflection;
using Microsoft.Data.Analysis;
using Workbench.Display;

namespace Workbench.Notebooks;

/// <summary>
/// Turns any value into a MIME bundle for notebook outputs: <see cref="IRichDisplay"/> objects give
/// their own bundle, sequences of records become HTML tables, everything else is plain text.
/// </summary>
public static class DisplayFormatter
{
    private const int MaxItems = 1000;

    /// <summary>The MIME bundle for <paramref name="value"/>; always contains text/plain.</summary>
    public static IReadOnlyDictionary<string, string> Format(object? value)
    {
        switch (value)
        {
            case null:
                return PlainText("<null>");
            case IRichDisplay rich:
                var bundle = new Dictionary<string, string>(rich.MimeBundle() ?? new Dictionary<string, string>(), StringComparer.Ordinal);
                bundle.TryAdd(MimeTypes.PlainText, rich.ToString() ?? rich.GetType().Name);
                return bundle;
            case string text:
                return PlainText(text);
            case DataFrame frame:
                return DataFrameFormatter.Format(frame);
            case IEnumerable sequence when value is not IFormattable:
                return FormatSequence(sequence);
            case IFormattable formattable:
                return PlainText(formattable.ToString(null, CultureInfo.InvariantCulture));
            default:
                return PlainText(value.ToString() ?? value.GetType().Name);
        }
    }

    private static Dictionary<string, string> FormatSequence(IEnumerable sequence)
    {
        var items = new List<object?>();
        bool truncated = false;
        foreach (var item in sequence)
        {
            if (items.Count == MaxItems)
            {
                truncated = true;
                break;
            }
            items.Add(item);
        }
        if (items.Count > 0 && items.All(IsRecordLike))
        {
            var table = HtmlTable.FromObjects(items, maxRows: MaxItems);
            return new Dictionary<string, string>(table.MimeBundle(), StringComparer.Ordinal);
        }
        string joined = string.Join(", ", items.Select(i => i is IFormattable f ? f.ToString(null, CultureInfo.InvariantCulture) : i?.ToString() ?? "null"));
        return PlainText($"[{joined}{(truncated ? ", …" : "")}]");
    }

    private static bool IsRecordLike(object? item)
    {
        if (item is null) return false;
        var type = item.GetType();
        if (type.IsPrimitive || type.IsEnum || item is string or decimal or DateTime or DateTimeOffset or TimeSpan or Guid) return false;
        // Objects with data members make useful table columns; opaque objects do not.
        return type.GetProperties(BindingFlags.Public | BindingFlags.Instance).Any(p => p.GetIndexParameters().Length == 0 && p.Name != "EqualityContract")
            || type.GetFields(BindingFlags.Public | BindingFlags.Instance).Length > 0;
    }

    private static Dictionary<string, string> PlainText(string text) =>
        new(StringComparer.Ordinal) { [MimeTypes.PlainText] = text };
}
