using System.Text;
using Workbench.Oracle;
using Workbench.Tests.Loop;

namespace Workbench.Tests.Oracle;

/// <summary>The journal: acknowledged answers survive a crash; a torn last line is ignored and cut off; one writer at a time.</summary>
public class AnswerJournalTests
{
    private static JournalEntry Entry(long seq, int id, int label) =>
        new(seq, id, new QueueAnswer(AnswerKind.Label, label), null, DateTimeOffset.UnixEpoch, "test");

    [Fact]
    public void ATornLastLineIsIgnoredAndCutOffWhileEarlierAnswersAreKept()
    {
        using var temp = new TempFolder();
        var path = temp.Sub("journal.jsonl");
        using (var journal = AnswerJournal.OpenForAppend(path, out var none))
        {
            Assert.Empty(none);
            journal.Append(Entry(1, 0, 1));
            journal.Append(Entry(2, 1, 2));
        }
        // A crash between writing and acknowledging: the third entry reached the disk only in part.
        var whole = File.ReadAllText(path);
        var third = System.Text.Json.JsonSerializer.Serialize(Entry(3, 2, 0), new System.Text.Json.JsonSerializerOptions(System.Text.Json.JsonSerializerDefaults.Web));
        File.AppendAllText(path, third[..(third.Length / 2)]);

        Assert.Equal([1L, 2L], AnswerJournal.Read(path).Select(e => e.Seq)); // a reader ignores the torn line, touches nothing
        Assert.NotEqual(whole, File.ReadAllText(path));
        using (var journal = AnswerJournal.OpenForAppend(path, out var kept))
        {
            Assert.Equal([1L, 2L], kept.Select(e => e.Seq));
            Assert.Equal(whole, File.ReadAllText(path)); // the writer cut the torn line off before appending
            journal.Append(Entry(3, 2, 0));
        }
        Assert.Equal([1L, 2L, 3L], AnswerJournal.Read(path).Select(e => e.Seq));
        Assert.EndsWith("\n", File.ReadAllText(path));
    }

    [Fact]
    public void ADamagedCompleteLineIsAnErrorNamingTheLine()
    {
        using var temp = new TempFolder();
        var path = temp.Sub("journal.jsonl");
        using (var journal = AnswerJournal.OpenForAppend(path, out _))
        {
            journal.Append(Entry(1, 0, 1));
            journal.Append(Entry(2, 1, 2));
        }
        var lines = File.ReadAllLines(path);
        File.WriteAllText(path, "{ this is not json\n" + lines[1] + "\n", Encoding.UTF8);
        var error = Assert.Throws<InvalidDataException>(() => AnswerJournal.Read(path));
        Assert.Contains("line 1", error.Message);
    }

    [Fact]
    public void OnlyOneWriterAtATime()
    {
        using var temp = new TempFolder();
        var path = temp.Sub("journal.jsonl");
        using (AnswerJournal.OpenForAppend(path, out _))
        {
            var error = Assert.Throws<IOException>(() => AnswerJournal.OpenForAppend(path, out _));
            Assert.Contains("another process", error.Message);
            Assert.Empty(AnswerJournal.Read(path)); // readers are not locked out
        }
        using (AnswerJournal.OpenForAppend(path, out _)) { } // released on dispose (and by the OS when a process dies)
    }

    [Fact]
    public void ASessionAcknowledgesOnlyWhatIsOnDisk()
    {
        using var temp = new TempFolder();
        var folder = temp.Sub("round-1");
        LabelSession.Create(folder, QueueFixture.Create(queries: 3, proposals: 1));
        using var session = LabelSession.Open(folder);
        Assert.True(session.Answer(0, new QueueAnswer(AnswerKind.Label, 2)).Recorded);
        Assert.False(session.Answer(0, new QueueAnswer(AnswerKind.Label, 2)).Recorded);
        var undo = session.Undo(0, 1);
        Assert.Equal(2, undo.Seq);
        session.Answer(3, new QueueAnswer(AnswerKind.Confirm, null));
        // What another process reads at this moment, without any close or flush by the session:
        var seen = LabelSession.ReadState(folder);
        Assert.Null(seen.AnswerOf(0));
        Assert.Equal(AnswerKind.Confirm, seen.AnswerOf(3)!.Answer.Kind);
        Assert.Equal(3, seen.LastSeq);
        // A different queue may not replace one that has answers.
        Assert.Throws<InvalidOperationException>(() => LabelSession.Create(folder, QueueFixture.Create(queries: 2, proposals: 0)));
    }
}
