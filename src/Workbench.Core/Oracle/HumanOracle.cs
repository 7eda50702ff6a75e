using System.Globalization;

namespace Workbench.Oracle;

/// <summary>
/// A person as the oracle. Each round's questions go to <c>&lt;run&gt;/labels/round-&lt;n&gt;/queue.json</c> and the answers
/// to <c>journal.jsonl</c> beside it (written by the labelling page, <c>workbench label</c>, or a CSV import); the run
/// continues once every question has an answer. A query answered "cannot tell" is dropped like an undecidable CST proposal.
/// </summary>
public sealed class HumanOracle : IDeferredOracle
{
    private IReadOnlyDictionary<int, int?>? _answers;
    private int _collectedRound = -1;

    /// <summary>A person answering for the run in <paramref name="runDirectory"/>.</summary>
    public HumanOracle(string runDirectory)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(runDirectory);
        RunDirectory = Path.GetFullPath(runDirectory);
    }

    /// <summary>The run folder.</summary>
    public string RunDirectory { get; }

    /// <summary>Folder of round <paramref name="round"/>'s questions and answers.</summary>
    public static string QueueFolder(string runDirectory, int round) =>
        Path.Combine(runDirectory, "labels", string.Create(CultureInfo.InvariantCulture, $"round-{round}"));

    /// <summary>The round whose questions wait for answers (the highest round with a queue), or null.</summary>
    public static int? LatestQueueRound(string runDirectory)
    {
        var labels = Path.Combine(runDirectory, "labels");
        if (!Directory.Exists(labels)) return null;
        return Directory.GetDirectories(labels, "round-*")
            .Select(d => int.TryParse(Path.GetFileName(d)["round-".Length..], NumberStyles.None, CultureInfo.InvariantCulture, out int r) ? r : -1)
            .Where(r => r >= 0 && File.Exists(Path.Combine(QueueFolder(runDirectory, r), LabelSession.QueueFile)))
            .Select(r => (int?)r).Max();
    }

    /// <inheritdoc/>
    public LabelQueue? AskedIn(int round)
    {
        var path = Path.Combine(QueueFolder(RunDirectory, round), LabelSession.QueueFile);
        return File.Exists(path) ? LabelQueue.FromJson(File.ReadAllText(path), path) : null;
    }

    /// <inheritdoc/>
    public void Ask(LabelQueue queue)
    {
        ArgumentNullException.ThrowIfNull(queue);
        LabelSession.Create(QueueFolder(RunDirectory, queue.Round), queue);
    }

    /// <inheritdoc/>
    public bool TryCollect(int round)
    {
        var state = LabelSession.ReadState(QueueFolder(RunDirectory, round));
        if (!state.IsComplete) return false;
        _answers = state.FinalLabels();
        _collectedRound = round;
        return true;
    }

    /// <inheritdoc/>
    public int? Label(int id)
    {
        if (_answers is null)
            throw new InvalidOperationException("The person's answers have not been collected: call TryCollect(round) once the queue is answered.");
        return _answers.TryGetValue(id, out var label) ? label
            : throw new InvalidOperationException($"Sample {id} was not in the queue of round {_collectedRound}; the person was not asked about it.");
    }
}
