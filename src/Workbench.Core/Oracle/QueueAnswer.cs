namespace Workbench.Oracle;

/// <summary>What a person said about a queue item.</summary>
public enum AnswerKind
{
    /// <summary>The class of a query.</summary>
    Label,

    /// <summary>A proposal's class is right.</summary>
    Confirm,

    /// <summary>A proposal's class is wrong; <see cref="QueueAnswer.Label"/> is the right one.</summary>
    Correct,

    /// <summary>The person cannot decide; the sample is dropped this round.</summary>
    CannotTell,
}

/// <summary>A person's answer to one queue item (label set for <see cref="AnswerKind.Label"/> and <see cref="AnswerKind.Correct"/>).</summary>
public sealed record QueueAnswer(AnswerKind Kind, int? Label)
{
    /// <summary>The label the sample gets for training; null when the person cannot tell.</summary>
    public int? FinalLabel(QueueItem item) => Kind switch
    {
        AnswerKind.Confirm => item.ProposedLabel,
        AnswerKind.CannotTell => null,
        _ => Label,
    };
}

/// <summary>
/// One line of journal.jsonl: an answer (<see cref="Answer"/> set) or an undo of the answer with sequence number
/// <see cref="Undoes"/>. <see cref="Seq"/> counts entries from 1.
/// </summary>
public sealed record JournalEntry(long Seq, int QueueId, QueueAnswer? Answer, long? Undoes, DateTimeOffset At, string? Source = null)
{
    /// <summary>True for an undo entry.</summary>
    [System.Text.Json.Serialization.JsonIgnore] public bool IsUndo => Undoes is not null;
}
