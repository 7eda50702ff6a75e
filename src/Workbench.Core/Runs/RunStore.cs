using System.Globalization;
using System.Text.Json;
using Workbench.Engine;
using Workbench.Loop;
using Workbench.Config;
using Workbench.Oracle;

namespace Workbench.Runs;

/// <summary>
/// A run on disk, one folder:
/// <code>
/// config.json                the full config (validated)
/// strategies.json            each strategy's role, name and source hash (runs from before it have none)
/// rounds/&lt;n&gt;.json           the RoundResult of round n
/// added/&lt;n&gt;.csv             samples added in round n (id,label,provenance,true_label,score,proposed_label)
/// checkpoints/initial.pt     weights before any training (FromInitial retraining starts here)
/// checkpoints/round-&lt;n&gt;.pt  model after round n: round 0 and the latest are kept (all with keepAllCheckpoints)
/// labelled.json              StoredRunState: last finished round, stop reason, labelled pool: the commit point
/// labels/round-&lt;n&gt;/          with a person as oracle: selection.json (the waiting round), queue.json, journal.jsonl
/// </code>
/// Every file is written atomically (temporary file + rename), and labelled.json last, so an interrupted round leaves
/// the previous round's state intact; its leftovers are deleted when the run resumes.
/// </summary>
public sealed class RunStore
{
    private const string ConfigFile = "config.json";
    private const string StateFile = "labelled.json";
    private const string StrategiesFile = "strategies.json";

    private RunStore(string directory, ExperimentConfig config, bool keepAllCheckpoints)
    {
        Directory = directory;
        Config = config;
        KeepAllCheckpoints = keepAllCheckpoints;
    }

    /// <summary>The run folder (absolute).</summary>
    public string Directory { get; }

    /// <summary>The config the run uses.</summary>
    public ExperimentConfig Config { get; }

    /// <summary>Whether every round's checkpoint is kept, or only round 0's and the latest.</summary>
    public bool KeepAllCheckpoints { get; }

    /// <summary>
    /// Opens the run in <paramref name="directory"/> for <paramref name="config"/>: creates it when new; otherwise
    /// checks the stored config first and refuses a different one (only <see cref="ExperimentConfigJson.ResumableFields"/>
    /// may change), before any work is done.
    /// </summary>
    /// <exception cref="ConfigMismatchException">The folder holds a run with another config; names the fields.</exception>
    /// <exception cref="StrategyChangedException">The folder's run was made by a strategy whose code changed since.</exception>
    /// <exception cref="ArgumentException">The config is invalid.</exception>
    public static RunStore Open(string directory, ExperimentConfig config, bool keepAllCheckpoints = false)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(directory);
        ArgumentNullException.ThrowIfNull(config);
        config.Validate();
        directory = Path.GetFullPath(directory);
        string configPath = Path.Combine(directory, ConfigFile);
        if (File.Exists(configPath))
        {
            var stored = ExperimentConfigJson.Load(configPath);
            ExperimentConfigJson.RequireResumable(stored, config, directory);
            // Refused here too, so that a refused resume leaves the folder's config.json as it was.
            new RunStore(directory, stored, keepAllCheckpoints).RequireSameStrategies(RoundPolicy.From(config).Records());
        }
        System.IO.Directory.CreateDirectory(directory);
        AtomicFile.WriteAllText(configPath, config.ToJson());
        return new RunStore(directory, config, keepAllCheckpoints);
    }

    /// <summary>Opens an existing run with its own stored config (to read results).</summary>
    /// <exception cref="FileNotFoundException">No config.json in the folder.</exception>
    public static RunStore OpenExisting(string directory, bool keepAllCheckpoints = false)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(directory);
        directory = Path.GetFullPath(directory);
        string configPath = Path.Combine(directory, ConfigFile);
        if (!File.Exists(configPath))
            throw new FileNotFoundException($"'{directory}' is not a run folder: it has no {ConfigFile}.", configPath);
        return new RunStore(directory, ExperimentConfigJson.Load(configPath), keepAllCheckpoints);
    }

    /// <summary>True when <paramref name="directory"/> holds a run (a config.json).</summary>
    public static bool IsRun(string directory) => File.Exists(Path.Combine(directory, ConfigFile));

    /// <summary>The strategies the run records (strategies.json), or null for a run from before they were recorded.</summary>
    public IReadOnlyList<StrategyRecord>? ReadStrategies()
    {
        string path = Path.Combine(Directory, StrategiesFile);
        return File.Exists(path) ? JsonSerializer.Deserialize<StrategyRecord[]>(File.ReadAllText(path), StoredJson.Indented) : null;
    }

    /// <summary>
    /// Records the strategies the run goes on with. Once a round is committed, a recorded strategy of the same role
    /// and name must have the same source hash: a run does not resume on changed code. A run from before strategies
    /// were recorded resumes, and records them from now on.
    /// </summary>
    /// <exception cref="StrategyChangedException">A strategy's code changed since the run started; names it.</exception>
    public void RecordStrategies(IReadOnlyList<StrategyRecord> strategies)
    {
        ArgumentNullException.ThrowIfNull(strategies);
        var stored = RequireSameStrategies(strategies);
        if (stored is null || !stored.SequenceEqual(strategies))
            AtomicFile.WriteAllText(Path.Combine(Directory, StrategiesFile), JsonSerializer.Serialize(strategies, StoredJson.Indented));
    }

    private IReadOnlyList<StrategyRecord>? RequireSameStrategies(IReadOnlyList<StrategyRecord> strategies)
    {
        var stored = ReadStrategies();
        if (stored is not null && ReadState() is not null)
            foreach (var current in strategies)
                if (stored.FirstOrDefault(s => s.Role == current.Role && s.Name == current.Name) is { } before && before.SourceHash != current.SourceHash)
                    throw new StrategyChangedException(Directory, before, current);
        return stored;
    }

    /// <summary>Path of the weights before any training.</summary>
    public string InitialWeightsPath => Path.Combine(Directory, "checkpoints", "initial.pt");

    /// <summary>Path of the model after round <paramref name="round"/>.</summary>
    public string CheckpointPath(int round) => Path.Combine(Directory, "checkpoints", Invariant($"round-{round}.pt"));

    /// <summary>Path of round <paramref name="round"/>'s metrics.</summary>
    public string RoundPath(int round) => Path.Combine(Directory, "rounds", Invariant($"{round}.json"));

    /// <summary>Path of the samples added in round <paramref name="round"/>.</summary>
    public string AddedPath(int round) => Path.Combine(Directory, "added", Invariant($"{round}.csv"));

    /// <summary>The committed state, or null when no round has finished yet.</summary>
    public StoredRunState? ReadState()
    {
        string path = Path.Combine(Directory, StateFile);
        if (!File.Exists(path)) return null;
        return JsonSerializer.Deserialize<StoredRunState>(File.ReadAllText(path), StoredJson.Compact)
            ?? throw new InvalidDataException($"'{path}' holds no run state.");
    }

    /// <summary>The results of rounds 0..<paramref name="lastRound"/> (all committed rounds when null).</summary>
    public IReadOnlyList<RoundResult> ReadRounds(int? lastRound = null)
    {
        int last = lastRound ?? ReadState()?.LastRound ?? -1;
        var results = new List<RoundResult>(last + 1);
        for (int round = 0; round <= last; round++)
        {
            string path = RoundPath(round);
            if (!File.Exists(path)) throw new InvalidDataException($"Round {round} is committed but '{path}' is missing.");
            results.Add(RoundResultJson.Read(File.ReadAllText(path), path));
        }
        return results;
    }

    /// <summary>The samples added in round <paramref name="round"/>.</summary>
    public IReadOnlyList<AddedSample> ReadAdded(int round) => AddedSamplesCsv.Parse(File.ReadAllText(AddedPath(round)));

    /// <summary>Path of the selection a round waiting for a person was stopped with.</summary>
    public string AwaitingPath(int round) => Path.Combine(HumanOracle.QueueFolder(Directory, round), "selection.json");

    /// <summary>Saves the selection of a round that waits for a person (before the person is asked).</summary>
    public void SaveAwaiting(AwaitingSelection waiting)
    {
        ArgumentNullException.ThrowIfNull(waiting);
        AtomicFile.WriteAllText(AwaitingPath(waiting.Round), JsonSerializer.Serialize(waiting, StoredJson.Indented));
    }

    /// <summary>The saved selection of round <paramref name="round"/> waiting for a person, or null.</summary>
    /// <exception cref="InvalidDataException">The file is damaged; names it.</exception>
    public AwaitingSelection? ReadAwaiting(int round)
    {
        string path = AwaitingPath(round);
        if (!File.Exists(path)) return null;
        try
        {
            return JsonSerializer.Deserialize<AwaitingSelection>(File.ReadAllText(path), StoredJson.Indented)
                ?? throw new InvalidDataException("it holds null");
        }
        catch (Exception e) when (e is JsonException or InvalidDataException or ArgumentException)
        {
            throw new InvalidDataException($"'{path}' is not a readable waiting selection: {e.Message}", e);
        }
    }

    /// <summary>Saves the weights every FromInitial round starts from.</summary>
    public void SaveInitialWeights(Model model)
    {
        ArgumentNullException.ThrowIfNull(model);
        AtomicFile.Write(InitialWeightsPath, model.Save);
    }

    /// <summary>
    /// Saves a finished round: checkpoint, added samples, metrics, then the labelled pool as the commit point; then
    /// drops the previous round's checkpoint unless it is round 0's or every checkpoint is kept.
    /// </summary>
    public void CommitRound(RoundResult result, IReadOnlyList<AddedSample> added, LabelledSet labelled, Model model, string? stopReason = null)
    {
        ArgumentNullException.ThrowIfNull(result);
        ArgumentNullException.ThrowIfNull(added);
        ArgumentNullException.ThrowIfNull(labelled);
        ArgumentNullException.ThrowIfNull(model);
        int round = result.Round;
        AtomicFile.Write(CheckpointPath(round), model.Save);
        AtomicFile.WriteAllText(AddedPath(round), AddedSamplesCsv.Format(added));
        AtomicFile.WriteAllText(RoundPath(round), RoundResultJson.Write(result));
        WriteState(round, stopReason, labelled);
        if (!KeepAllCheckpoints && round - 1 > 0 && File.Exists(CheckpointPath(round - 1)))
            File.Delete(CheckpointPath(round - 1));
    }

    /// <summary>Marks the run as stopped after <paramref name="lastRound"/> (e.g. the pool ran out).</summary>
    public void CommitStop(int lastRound, LabelledSet labelled, string reason)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(reason);
        WriteState(lastRound, reason, labelled);
    }

    /// <summary>Deletes what an interrupted round after <paramref name="lastRound"/> left behind.</summary>
    public void DiscardAfter(int lastRound)
    {
        foreach (var (folder, pattern, prefix, suffix) in new[]
                 { ("rounds", "*.json", "", ".json"), ("added", "*.csv", "", ".csv"), ("checkpoints", "round-*.pt", "round-", ".pt") })
        {
            string path = Path.Combine(Directory, folder);
            if (!System.IO.Directory.Exists(path)) continue;
            foreach (var file in System.IO.Directory.GetFiles(path, pattern))
            {
                string name = Path.GetFileName(file);
                if (int.TryParse(name[prefix.Length..^suffix.Length], NumberStyles.None, CultureInfo.InvariantCulture, out int n) && n > lastRound)
                    File.Delete(file);
            }
        }
    }

    /// <summary>Commits a state built elsewhere (a round 0 copied from another run); the round files must already be in place.</summary>
    internal void WriteSeededState(StoredRunState state) =>
        AtomicFile.WriteAllText(Path.Combine(Directory, StateFile), JsonSerializer.Serialize(state, StoredJson.Compact));

    private void WriteState(int lastRound, string? stopReason, LabelledSet labelled)
    {
        var state = new StoredRunState(lastRound, stopReason, labelled.Samples.ToArray(), labelled.Rejected.ToArray());
        AtomicFile.WriteAllText(Path.Combine(Directory, StateFile), JsonSerializer.Serialize(state, StoredJson.Compact));
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
