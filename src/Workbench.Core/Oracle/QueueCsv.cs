using System.Globalization;
using System.Text;
using Workbench.Common;

namespace Workbench.Oracle;

/// <summary>
/// A label queue as CSV: <c>queue_id,sample_id,kind,image,proposed,top1,p1,top2,p2,top3,p3,answer</c>. The answer column
/// holds a class name, <c>confirm</c> (proposals), <c>cannot-tell</c>, or nothing (unanswered). Importing checks every row
/// first and writes nothing when one is wrong; an empty answer never removes an answer given in the page.
/// </summary>
public static class QueueCsv
{
    /// <summary>The header line.</summary>
    public const string Header = "queue_id,sample_id,kind,image,proposed,top1,p1,top2,p2,top3,p3,answer";

    /// <summary>Answer text for <see cref="AnswerKind.Confirm"/>.</summary>
    public const string Confirm = "confirm";

    /// <summary>Answer text for <see cref="AnswerKind.CannotTell"/>.</summary>
    public const string CannotTell = "cannot-tell";

    /// <summary>The queue with the answers in force.</summary>
    public static string Export(QueueState state)
    {
        ArgumentNullException.ThrowIfNull(state);
        var names = state.Queue.ClassNames;
        var text = new StringBuilder(Header).Append('\n');
        foreach (var item in state.Queue.Items)
        {
            var fields = new List<string>
            {
                N(item.QueueId), N(item.SampleId), item.Kind == QueueItemKind.Query ? "query" : "proposal",
                item.Image is null ? "" : Path.GetFileName(item.Image), item.ProposedLabel is int p ? names[p] : "",
            };
            for (int k = 0; k < 3; k++)
                fields.AddRange(k < item.Top.Count
                    ? [names[item.Top[k].Label], item.Top[k].Probability.ToString("0.####", CultureInfo.InvariantCulture)]
                    : ["", ""]);
            fields.Add(state.AnswerOf(item.QueueId)?.Answer is { } a ? AnswerText(a, names) : "");
            text.Append(Csv.Line(fields)).Append('\n');
        }
        return text.ToString();
    }

    /// <summary>
    /// Records the answers of <paramref name="csv"/> in <paramref name="session"/>; returns how many were recorded (a row whose
    /// answer is already in force records nothing).
    /// </summary>
    /// <exception cref="FormatException">A row is wrong: unknown queue id, another sample than the queue's, unknown class,
    /// confirm for a query; names the line. Nothing is recorded then.</exception>
    public static int Import(LabelSession session, string csv)
    {
        ArgumentNullException.ThrowIfNull(session);
        var rows = Csv.Parse(csv);
        if (rows.Count == 0) throw new FormatException("The CSV is empty; expected the header " + Header);
        var header = rows[0].Fields.Select(f => f.Trim().ToLowerInvariant()).ToList();
        int idColumn = header.IndexOf("queue_id"), answerColumn = header.IndexOf("answer"), sampleColumn = header.IndexOf("sample_id");
        if (idColumn < 0 || answerColumn < 0) throw new FormatException("The CSV header needs the columns queue_id and answer: " + Header);
        var queue = session.Queue;
        var answers = new List<(int QueueId, QueueAnswer Answer)>();
        foreach (var row in rows.Skip(1))
        {
            string Field(int column) => column < row.Fields.Count ? row.Fields[column].Trim() : "";
            var answerText = Field(answerColumn);
            if (answerText.Length == 0) continue;
            if (!int.TryParse(Field(idColumn), NumberStyles.None, CultureInfo.InvariantCulture, out int queueId) || queueId >= queue.Items.Count)
                throw new FormatException($"line {row.Line}: queue_id '{Field(idColumn)}' is not an item of this queue (0..{queue.Items.Count - 1}).");
            var item = queue.Items[queueId];
            if (sampleColumn >= 0 && Field(sampleColumn) != N(item.SampleId))
                throw new FormatException($"line {row.Line}: item {queueId} is sample {item.SampleId} in this queue, not {Field(sampleColumn)}: is the CSV from another round?");
            var answer = ParseAnswer(answerText, queue.ClassNames)
                ?? throw new FormatException($"line {row.Line}: answer '{answerText}' is not {Confirm}, {CannotTell} or one of the classes: {string.Join(", ", queue.ClassNames)}.");
            try { answers.Add((queueId, session.Read(state => state.Normalise(queueId, answer)))); }
            catch (QueueAnswerException e) { throw new FormatException($"line {row.Line}: {e.Message}", e); }
        }
        return answers.Count(a => session.Answer(a.QueueId, a.Answer, "csv import").Recorded);
    }

    /// <summary>Parses an answer text: confirm, cannot-tell, or a class name (exact, then case-insensitive); null when none fits.</summary>
    public static QueueAnswer? ParseAnswer(string text, IReadOnlyList<string> classNames)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(classNames);
        var trimmed = text.Trim();
        int exact = classNames.ToList().IndexOf(trimmed);
        if (exact >= 0) return new QueueAnswer(AnswerKind.Label, exact);
        if (trimmed.Equals(Confirm, StringComparison.OrdinalIgnoreCase)) return new QueueAnswer(AnswerKind.Confirm, null);
        if (trimmed.Equals(CannotTell, StringComparison.OrdinalIgnoreCase)) return new QueueAnswer(AnswerKind.CannotTell, null);
        var loose = classNames.Select((n, i) => (n, i)).Where(p => p.n.Equals(trimmed, StringComparison.OrdinalIgnoreCase)).ToList();
        return loose.Count == 1 ? new QueueAnswer(AnswerKind.Label, loose[0].i) : null;
    }

    private static string AnswerText(QueueAnswer answer, IReadOnlyList<string> names) => answer.Kind switch
    {
        AnswerKind.Confirm => Confirm,
        AnswerKind.CannotTell => CannotTell,
        _ => names[answer.Label!.Value],
    };

    private static string N(int value) => value.ToString(CultureInfo.InvariantCulture);
}
