using Workbench.Data;
using Workbench.Oracle;
using Workbench.Runs;

namespace Workbench.Loop;

/// <summary>
/// What <see cref="Experiment"/> does when its oracle is a person (<see cref="IDeferredOracle"/>): turn a selection into a
/// label queue (AL queries, and CST proposals when the recipe reviews them, each with the model's top 3 classes and a few
/// labelled examples per class), save it in the run folder, and later check whether every question has an answer.
/// </summary>
internal sealed class PersonInTheLoop(IDeferredOracle oracle, RunStore store, IExperimentData data, bool reviewProposals)
{
    /// <summary>Labelled examples shown per class beside a question.</summary>
    public const int ExamplesPerClass = 6;

    /// <summary>
    /// The person in the loop when <paramref name="oracle"/> is one (else null). Without any oracle, data whose training part
    /// has unlabelled images cannot run a recipe that asks questions: only a person knows those classes.
    /// </summary>
    /// <exception cref="ArgumentException">Names the oracle or store that is missing.</exception>
    public static PersonInTheLoop? For(IOracle? oracle, RunStore? store, IExperimentData data, RoundPolicy policy)
    {
        bool asks = policy.Queries is not null || policy.ReviewProposals;
        if (oracle is null && asks && data.TrainIds.Any(id => data.Labels[id] == Sample.NoLabel))
            throw new ArgumentException($"The data '{data.Name}' has unlabelled images, whose class only a person can give: "
                + "use a person as the oracle (oracle: human, `--oracle human`), or a recipe that asks nothing (baseline, ssl).", "oracle");
        if (oracle is not IDeferredOracle person) return null;
        return new PersonInTheLoop(person, store ?? throw new ArgumentException("A person's answers are kept in a run folder: give a RunStore.", nameof(store)),
            data, policy.ReviewProposals);
    }

    /// <summary>The saved waiting selection of <paramref name="round"/>, or null.</summary>
    public AwaitingSelection? Waiting(int round) => store.ReadAwaiting(round);

    /// <summary>
    /// The label step of a person: saves the round's selection unless it is saved already (the commit point of "awaiting
    /// labels"), then asks its questions -- again after a resume: an identical queue keeps its answers. Returns the queue
    /// while answers are missing; once all are given, what the person said (the oracle then answers from them).
    /// </summary>
    public (LabelQueue? Waiting, PersonSummary? Said) Ask(RoundSelection selection, LabelledSet labelled)
    {
        var waiting = store.ReadAwaiting(selection.Round);
        if (waiting is null)
        {
            waiting = new AwaitingSelection(selection.Round, selection, selection.Pool.Size, selection.Top);
            store.SaveAwaiting(waiting);
        }
        oracle.Ask(QueueOf(waiting, labelled));
        if (!oracle.TryCollect(waiting.Round)) return (oracle.AskedIn(waiting.Round), null);
        return (null, Summarise(waiting));
    }

    /// <summary>What the person said next to the model's proposals (once every question has an answer).</summary>
    private PersonSummary Summarise(AwaitingSelection waiting)
    {
        var s = waiting.Selection;
        int queriesAsModel = 0, confirmed = 0, corrected = 0, cannotTell = 0;
        foreach (int id in s.Queries.Ids)
            if (oracle.Label(id) is int label) { if (label == waiting.Top[id][0].Label) queriesAsModel++; }
            else cannotTell++;
        int proposals = reviewProposals ? s.PseudoLabels.Count : 0;
        for (int k = 0; k < proposals; k++)
            if (oracle.Label(s.PseudoLabels.Ids[k]) is int label) { if (label == s.PseudoLabels.Labels![k]) confirmed++; else corrected++; }
            else cannotTell++;
        return new PersonSummary(s.Queries.Count, queriesAsModel, proposals, confirmed, corrected, cannotTell);
    }

    private LabelQueue QueueOf(AwaitingSelection waiting, LabelledSet labelled)
    {
        var items = new List<QueueItem>();
        var s = waiting.Selection;
        for (int k = 0; k < s.Queries.Count; k++)
            items.Add(Item(items.Count, s.Queries.Ids[k], QueueItemKind.Query, null, s.Queries.Scores[k], waiting));
        if (reviewProposals)
            for (int k = 0; k < s.PseudoLabels.Count; k++)
                items.Add(Item(items.Count, s.PseudoLabels.Ids[k], QueueItemKind.Proposal, s.PseudoLabels.Labels![k], s.PseudoLabels.Scores[k], waiting));
        // Examples: the person's own labels first (initial, then checked ones), never unchecked pseudo-labels.
        var examples = Enumerable.Range(0, data.ClassNames.Count).Select(c => new ClassExamples(c,
            labelled.Samples.Where(x => x.Label == c && x.Provenance != Provenance.PseudoLabel)
                .Select(x => data.ImagePath(x.Id)).OfType<string>().Take(ExamplesPerClass).ToArray())).ToArray();
        return new LabelQueue(waiting.Round, data.ClassNames, items, examples);
    }

    private QueueItem Item(int queueId, int id, QueueItemKind kind, int? proposed, double score, AwaitingSelection waiting) =>
        new(queueId, id, kind, proposed, score, waiting.Top[id], data.ImagePath(id));
}
