using Workbench.Oracle;

namespace Workbench.Tests.Oracle;

/// <summary>The queue state machine: what an answer or undo does, and what is refused.</summary>
public class QueueStateTests
{
    private static JournalEntry Answer(int id, AnswerKind kind, int? label = null) => new(0, id, new QueueAnswer(kind, label), null, DateTimeOffset.UnixEpoch);
    private static JournalEntry Undo(int id, long seq) => new(0, id, null, seq, DateTimeOffset.UnixEpoch);

    private static long Submit(QueueState state, JournalEntry request)
    {
        var entry = state.Check(request) ?? throw new InvalidOperationException("expected a change");
        state.Apply(entry);
        return entry.Seq;
    }

    [Fact]
    public void AnswersReplaceUndoRestoresAndTheQueueCompletes()
    {
        var state = new QueueState(QueueFixture.Create(queries: 2, proposals: 2)); // proposals: item 2 proposes 2, item 3 proposes 0
        Assert.False(state.IsComplete);
        long first = Submit(state, Answer(0, AnswerKind.Label, 1));
        long changed = Submit(state, Answer(0, AnswerKind.Label, 2));
        Assert.Equal(2, state.AnswerOf(0)!.Answer.Label);
        Submit(state, Undo(0, changed));
        Assert.Equal(new QueueAnswer(AnswerKind.Label, 1), state.AnswerOf(0)!.Answer); // the earlier answer is back
        Assert.Equal(first, state.AnswerOf(0)!.Seq);

        // A class given for a proposal becomes confirm or correct; Enter (confirm) keeps the proposed class.
        Submit(state, Answer(2, AnswerKind.Label, 2));
        Assert.Equal(AnswerKind.Confirm, state.AnswerOf(2)!.Answer.Kind);
        Submit(state, Answer(3, AnswerKind.Label, 1));
        Assert.Equal(new QueueAnswer(AnswerKind.Correct, 1), state.AnswerOf(3)!.Answer);
        Submit(state, Answer(1, AnswerKind.CannotTell));
        Assert.True(state.IsComplete);
        Assert.Equal(new Dictionary<int, int?> { [100] = 1, [101] = null, [102] = 2, [103] = 1 }, state.FinalLabels());
        Assert.Equal((1, state.AnswerOf(1)!.Seq), state.LatestAnswer);
    }

    [Fact]
    public void RepeatedRequestsChangeNothing()
    {
        var state = new QueueState(QueueFixture.Create(queries: 1, proposals: 1));
        long seq = Submit(state, Answer(0, AnswerKind.Label, 1));
        Assert.Null(state.Check(Answer(0, AnswerKind.Label, 1)));     // a second tab sends the same answer
        Submit(state, Answer(1, AnswerKind.Confirm));                 // item 1 proposes class 1
        Assert.Null(state.Check(Answer(1, AnswerKind.Confirm)));
        Assert.Null(state.Check(Answer(1, AnswerKind.Label, 1)));     // the proposed class again = the same confirm
        Submit(state, Undo(0, seq));
        Assert.Null(state.Check(Undo(0, seq)));                       // undone already: a double Backspace takes back one answer
        Assert.Null(state.AnswerOf(0));
        Assert.Equal(3, state.LastSeq);
    }

    [Fact]
    public void AnswersThatDoNotFitAreRefusedWithAReason()
    {
        var state = new QueueState(QueueFixture.Create(queries: 1, proposals: 1));
        Assert.Contains("not one of the 3 classes", Assert.Throws<QueueAnswerException>(() => state.Check(Answer(0, AnswerKind.Label, 3))).Message);
        Assert.Contains("no proposed class to confirm", Assert.Throws<QueueAnswerException>(() => state.Check(Answer(0, AnswerKind.Confirm))).Message);
        Assert.Contains("no queue item 7", Assert.Throws<QueueAnswerException>(() => state.Check(Answer(7, AnswerKind.CannotTell))).Message);
        long a = Submit(state, Answer(0, AnswerKind.Label, 0));
        Submit(state, Answer(0, AnswerKind.Label, 2));
        Assert.Contains("replaced since", Assert.Throws<QueueAnswerException>(() => state.Check(Undo(0, a))).Message);
    }

    [Fact]
    public void ReplayRefusesAJournalThatDoesNotFollow()
    {
        var state = new QueueState(QueueFixture.Create(queries: 2, proposals: 0));
        Assert.Throws<InvalidDataException>(() => state.Apply(Answer(0, AnswerKind.Label, 1) with { Seq = 2 }));
        state.Apply(Answer(0, AnswerKind.Label, 1) with { Seq = 1 });
        Assert.Throws<InvalidDataException>(() => state.Apply(Undo(1, 1) with { Seq = 2 }));
        Assert.Throws<InvalidDataException>(() => state.Apply(Answer(0, AnswerKind.Label, 9) with { Seq = 2 }));
    }
}
