namespace Workbench.Oracle;

/// <summary>An answer in force, with the journal entry that gave it.</summary>
public sealed record CurrentAnswer(long Seq, QueueAnswer Answer, DateTimeOffset At);

/// <summary>Why a request to answer or undo was refused; the message says what to do instead.</summary>
public sealed class QueueAnswerException(string message) : ArgumentException(message);

/// <summary>
/// The answers of one queue, rebuilt by replaying journal entries. Each item is unanswered or holds an answer; a new answer
/// to an answered item replaces it (the old one stays in the item's history, so an undo brings it back). Checking happens
/// here, before anything is written: an answer must fit its item (a class in range; confirm only for proposals), an undo
/// must name the answer in force. An answer equal to the one in force, or an undo of an answer already undone, changes
/// nothing (<see cref="Check"/> returns null): a request repeated by a second tab or a retry is not recorded twice.
/// </summary>
public sealed class QueueState
{
    private readonly List<CurrentAnswer>[] _history;

    /// <summary>An empty state for <paramref name="queue"/>.</summary>
    public QueueState(LabelQueue queue)
    {
        ArgumentNullException.ThrowIfNull(queue);
        Queue = queue;
        _history = queue.Items.Select(_ => new List<CurrentAnswer>()).ToArray();
    }

    /// <summary>The questions.</summary>
    public LabelQueue Queue { get; }

    /// <summary>Entries applied so far (the next entry's Seq is this + 1).</summary>
    public long LastSeq { get; private set; }

    /// <summary>The answer in force for item <paramref name="queueId"/>, or null.</summary>
    public CurrentAnswer? AnswerOf(int queueId) => _history[ItemIndex(queueId)] is { Count: > 0 } h ? h[^1] : null;

    /// <summary>Items with an answer.</summary>
    public int AnsweredCount => _history.Count(h => h.Count > 0);

    /// <summary>True when every item has an answer.</summary>
    public bool IsComplete => _history.All(h => h.Count > 0);

    /// <summary>The most recent answer in force (what an undo without a named item takes back), or null.</summary>
    public (int QueueId, long Seq)? LatestAnswer =>
        _history.Select((h, k) => (k, h)).Where(p => p.h.Count > 0).OrderByDescending(p => p.h[^1].Seq)
            .Select(p => ((int, long)?)(p.k, p.h[^1].Seq)).FirstOrDefault();

    /// <summary>
    /// The answer as it will be recorded: a class given for a proposal becomes confirm (its proposed class) or correct.
    /// </summary>
    /// <exception cref="QueueAnswerException">The answer does not fit the item.</exception>
    public QueueAnswer Normalise(int queueId, QueueAnswer answer)
    {
        ArgumentNullException.ThrowIfNull(answer);
        var item = Queue.Items[ItemIndex(queueId)];
        if (answer.Kind is AnswerKind.Label or AnswerKind.Correct)
        {
            if (answer.Label is not int label || (uint)label >= (uint)Queue.ClassNames.Count)
                throw new QueueAnswerException(
                    $"Item {queueId}: class {answer.Label?.ToString() ?? "(none)"} is not one of the {Queue.ClassNames.Count} classes 0..{Queue.ClassNames.Count - 1}.");
            if (item.Kind == QueueItemKind.Proposal)
                return label == item.ProposedLabel ? new QueueAnswer(AnswerKind.Confirm, null) : new QueueAnswer(AnswerKind.Correct, label);
            return new QueueAnswer(AnswerKind.Label, label);
        }
        if (answer.Kind == AnswerKind.Confirm && item.Kind != QueueItemKind.Proposal)
            throw new QueueAnswerException($"Item {queueId} is a query: there is no proposed class to confirm; give its class.");
        return new QueueAnswer(answer.Kind, null);
    }

    /// <summary>
    /// The entry that <paramref name="request"/> (Seq ignored) would append, checked and normalised, or null when it would
    /// change nothing.
    /// </summary>
    /// <exception cref="QueueAnswerException">The request does not fit the queue.</exception>
    public JournalEntry? Check(JournalEntry request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var history = _history[ItemIndex(request.QueueId)];
        if (request.Undoes is long undone)
        {
            if (history.Count > 0 && history[^1].Seq == undone) return request with { Seq = LastSeq + 1, Answer = null };
            if (history.Any(h => h.Seq == undone))
                throw new QueueAnswerException($"Item {request.QueueId}: answer #{undone} has been replaced since; undo the answer in force first.");
            return null; // already undone (or never this item's): nothing to take back
        }
        var answer = Normalise(request.QueueId, request.Answer
            ?? throw new QueueAnswerException($"Item {request.QueueId}: the request holds neither an answer nor an undo."));
        if (history.Count > 0 && history[^1].Answer == answer) return null;
        return request with { Seq = LastSeq + 1, Answer = answer };
    }

    /// <summary>Applies an entry from the journal (or one returned by <see cref="Check"/>); entries must come in Seq order.</summary>
    /// <exception cref="InvalidDataException">The entry does not follow from the state: the journal was altered.</exception>
    public void Apply(JournalEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        if (entry.Seq != LastSeq + 1)
            throw new InvalidDataException($"Journal entry #{entry.Seq} follows #{LastSeq}; entries must be numbered 1, 2, 3, ...");
        if ((uint)entry.QueueId >= (uint)_history.Length)
            throw new InvalidDataException($"Journal entry #{entry.Seq} names item {entry.QueueId}, outside 0..{_history.Length - 1}.");
        var history = _history[entry.QueueId];
        if (entry.Undoes is long undone)
        {
            if (history.Count == 0 || history[^1].Seq != undone)
                throw new InvalidDataException($"Journal entry #{entry.Seq} undoes #{undone}, which is not the answer in force for item {entry.QueueId}.");
            history.RemoveAt(history.Count - 1);
        }
        else
        {
            QueueAnswer answer;
            try { answer = Normalise(entry.QueueId, entry.Answer ?? throw new QueueAnswerException("no answer")); }
            catch (QueueAnswerException e) { throw new InvalidDataException($"Journal entry #{entry.Seq}: {e.Message}", e); }
            history.Add(new CurrentAnswer(entry.Seq, answer, entry.At));
        }
        LastSeq = entry.Seq;
    }

    /// <summary>The training label of every answered item's sample (null = cannot tell), by sample id.</summary>
    public IReadOnlyDictionary<int, int?> FinalLabels() =>
        Queue.Items.Where(i => _history[i.QueueId].Count > 0)
            .ToDictionary(i => i.SampleId, i => _history[i.QueueId][^1].Answer.FinalLabel(i));

    private int ItemIndex(int queueId) => (uint)queueId < (uint)_history.Length ? queueId
        : throw new QueueAnswerException($"There is no queue item {queueId}: the queue of round {Queue.Round} has items 0..{_history.Length - 1}.");
}
