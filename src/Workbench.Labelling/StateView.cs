using Workbench.Oracle;

namespace Workbench.Labelling;

/// <summary>One of the model's top classes for an item.</summary>
public sealed record TopView(int Label, double Probability);

/// <summary>An answer in force: kind (label, confirm, correct, cannot-tell), class, and its journal number (what an undo names).</summary>
public sealed record AnswerView(string Kind, int? Label, long Seq);

/// <summary>One question as the page shows it.</summary>
public sealed record ItemView(int QueueId, string Kind, int? Proposed, double Score, IReadOnlyList<TopView> Top, AnswerView? Answer);

/// <summary>The most recent answer in force, which Backspace takes back.</summary>
public sealed record LatestView(int QueueId, long Seq);

/// <summary>The whole page state; the server's copy is the truth, the page only renders it.</summary>
public sealed record StateView(int Round, IReadOnlyList<string> Classes, IReadOnlyList<int> Examples, IReadOnlyList<ItemView> Items,
    int Answered, int Total, IReadOnlyList<int> PerClass, int CannotTell, bool Complete, LatestView? Latest, string ContinueCommand)
{
    public static StateView Of(LabelSession session, string runDirectory) => session.Read(state =>
    {
        var queue = state.Queue;
        var perClass = new int[queue.ClassNames.Count];
        int cannotTell = 0;
        var items = queue.Items.Select(item =>
        {
            var current = state.AnswerOf(item.QueueId);
            if (current is not null)
            {
                if (current.Answer.FinalLabel(item) is int label) perClass[label]++;
                else cannotTell++;
            }
            return new ItemView(item.QueueId, item.Kind == QueueItemKind.Query ? "query" : "proposal", item.ProposedLabel, item.Score,
                item.Top.Select(t => new TopView(t.Label, t.Probability)).ToArray(),
                current is null ? null : new AnswerView(KindName(current.Answer.Kind), current.Answer.FinalLabel(item), current.Seq));
        }).ToArray();
        var latest = state.LatestAnswer is { } l ? new LatestView(l.QueueId, l.Seq) : null;
        var examples = Enumerable.Range(0, queue.ClassNames.Count)
            .Select(c => queue.Examples.FirstOrDefault(e => e.Label == c)?.Images.Count ?? 0).ToArray();
        return new StateView(queue.Round, queue.ClassNames, examples, items, state.AnsweredCount, queue.Items.Count, perClass, cannotTell,
            state.IsComplete, latest, $"./workbench run --config {Path.Combine(runDirectory, "config.json")}");
    });

    private static string KindName(AnswerKind kind) => kind switch
    {
        AnswerKind.Label => "label",
        AnswerKind.Confirm => "confirm",
        AnswerKind.Correct => "correct",
        _ => "cannot-tell",
    };
}
