using Workbench.Oracle;
using Workbench.Tests.Loop;

namespace Workbench.Tests.Oracle;

/// <summary>Exporting a queue as CSV, answering it in a spreadsheet, importing it back.</summary>
public class QueueCsvTests
{
    [Fact]
    public void ExportedAnswersImportBackAndABadRowRecordsNothing()
    {
        using var temp = new TempFolder();
        var folder = temp.Sub("round-1");
        LabelSession.Create(folder, QueueFixture.Create(queries: 2, proposals: 2, image: k => $"/data/cells/img,{k}.png"));
        using var session = LabelSession.Open(folder);
        session.Answer(0, new QueueAnswer(AnswerKind.Label, 1));
        var csv = session.Read(QueueCsv.Export);
        var lines = csv.TrimEnd('\n').Split('\n');
        Assert.Equal(QueueCsv.Header, lines[0]);
        Assert.Equal("0,100,query,\"img,0.png\",,band,0.6,segmented,0.3,metamyelocyte,0.1,segmented", lines[1]);
        Assert.EndsWith(",", lines[3]); // unanswered

        var answered = string.Join('\n', lines[0], lines[1], lines[2] + "Metamyelocyte", lines[3] + "confirm", lines[4] + "cannot-tell");
        var wrong = answered.Replace("cannot-tell", "giraffe");
        var error = Assert.Throws<FormatException>(() => QueueCsv.Import(session, wrong));
        Assert.Contains("line 5", error.Message);
        Assert.Contains("giraffe", error.Message);
        Assert.Equal(1, session.Read(s => s.AnsweredCount)); // nothing of the bad file was recorded

        var otherRound = answered.Replace("\n1,101,", "\n1,999,");
        Assert.Contains("another round", Assert.Throws<FormatException>(() => QueueCsv.Import(session, otherRound)).Message);

        Assert.Equal(3, QueueCsv.Import(session, answered)); // item 0's answer is already in force
        Assert.True(session.Read(s => s.IsComplete));
        Assert.Equal(new Dictionary<int, int?> { [100] = 1, [101] = 2, [102] = 2, [103] = null }, session.Read(s => s.FinalLabels()));
        Assert.Equal(0, QueueCsv.Import(session, answered)); // importing again changes nothing
    }
}
