using System.Text.Json;
using System.Text.Json.Nodes;
using Workbench.Config;
using Workbench.Engine;
using Workbench.Reproductions;
using Workbench.Loop;

namespace Workbench.Records;

/// <summary>What a reproduction was, beside its rows: enough to rebuild its header and tables.</summary>
/// <param name="Protocol">"poster" or "bone-marrow".</param>
/// <param name="Profile">"quick" or "full".</param>
/// <param name="ClassNames">Class names, in label order (the records' per-class columns).</param>
/// <param name="First">The config of the first planned run (model, image size, start of every table's header).</param>
/// <param name="SpanSeconds">
/// Wall time from the first run's start to the last round written (from the run folders' file times; resumed
/// reproductions include the pause), or null when unknown. Worker time is in the records (seconds per round).
/// </param>
/// <param name="Cores">Cores of the machine it ran on.</param>
/// <param name="Machine">The processor and precision it ran with, for every timing read from the records.</param>
/// <param name="PretrainingSeconds">SimCLR pretraining summed over the checkpoints the runs started from (their own logs), or null for other starts.</param>
/// <param name="PretrainedCheckpoints">How many checkpoints that sum covers.</param>
public sealed record ReproductionInfo(string Protocol, string Profile, IReadOnlyList<string> ClassNames, ExperimentConfig First,
    double? SpanSeconds, int Cores, string Machine, double? PretrainingSeconds = null, int PretrainedCheckpoints = 0)
{
    /// <summary>What the time figures of a header sum, said in the header itself.</summary>
    public string TimeSentence(IReadOnlyList<ReproductionRun> runs)
    {
        ArgumentNullException.ThrowIfNull(runs);
        var text = $"{WorkerSeconds(runs) / 60:F1} min of round time summed over the {runs.Count} runs (worker time, a round 0 "
            + $"shared by the arms of a seed counted once, {Cores} cores, {Machine})";
        if (SpanSeconds is { } span) text += $", within {span / 60:F1} min of wall time from the first run's start to the last round written";
        if (PretrainingSeconds is { } pre) text += $"; SimCLR pretraining before the runs: {pre / 60:F1} min summed over {PretrainedCheckpoints} checkpoints";
        return string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{text}");
    }

    /// <summary>
    /// Seconds the workers spent on the runs' rounds. Arms of a seed share round 0: one run trains it, the others copy its
    /// result (seconds included), so a copied round 0 (same split, seed and recorded seconds) is counted once.
    /// </summary>
    public static double WorkerSeconds(IReadOnlyList<ReproductionRun> runs)
    {
        ArgumentNullException.ThrowIfNull(runs);
        var roundZeros = runs.SelectMany(r => r.Rounds.Where(x => x.Round == 0).Select(x => (r.Split, r.Seed, x.Seconds.Total))).Distinct();
        return roundZeros.Sum(z => z.Total) + runs.Sum(r => r.Rounds.Where(x => x.Round != 0).Sum(x => x.Seconds.Total));
    }
}

/// <summary>
/// One reproduction's records folder under results/: reproduction.json (<see cref="ReproductionInfo"/>), records.csv (one row
/// per run and round: <see cref="RoundRecords"/>) and cells.csv (the test cells of splits whose images share source cells:
/// <see cref="TestCells"/>). Small enough to commit; every table of the reproduction is rebuilt from it alone.
/// </summary>
public sealed record ReproductionRecords(ReproductionInfo Info, IReadOnlyList<RecordedRun> Runs, IReadOnlyList<TestCells> Cells)
{
    /// <summary>The file that marks a records folder.</summary>
    public const string InfoFile = "reproduction.json";

    /// <summary>The rows.</summary>
    public const string RecordsFile = "records.csv";

    /// <summary>The test cells.</summary>
    public const string CellsFile = "cells.csv";

    /// <summary>True when <paramref name="folder"/> holds records.</summary>
    public static bool IsRecords(string folder) => File.Exists(Path.Combine(folder, InfoFile));

    /// <summary>The cells of <paramref name="split"/>, or null when its test images are independent (or their cells unknown).</summary>
    public TestCells? CellsOf(string split) => Cells.FirstOrDefault(c => c.Split == split);

    /// <summary>
    /// Writes the records of finished <paramref name="runs"/> into <paramref name="folder"/>. <paramref name="cells"/> gives
    /// the test cells of a split (null: none); its runs must have kept their test predictions.
    /// </summary>
    public static void Write(string folder, ReproductionInfo info, IReadOnlyList<ReproductionRun> runs, string runFolder,
        IReadOnlyList<TestCells> cells)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(folder);
        ArgumentNullException.ThrowIfNull(info);
        ArgumentNullException.ThrowIfNull(cells);
        var records = RoundRecords.Write(runs, info.ClassNames, run => cells.FirstOrDefault(c => c.Split == run.Split), runFolder);
        Directory.CreateDirectory(folder);
        var json = new JsonObject
        {
            ["protocol"] = info.Protocol, ["profile"] = info.Profile,
            ["classNames"] = new JsonArray(info.ClassNames.Select(n => (JsonNode)n!).ToArray()),
            ["spanSeconds"] = info.SpanSeconds, ["cores"] = info.Cores, ["machine"] = info.Machine,
            ["pretrainingSeconds"] = info.PretrainingSeconds, ["pretrainedCheckpoints"] = info.PretrainedCheckpoints,
            ["firstConfig"] = JsonNode.Parse(Portable(info.First).ToJson()),
        };
        File.WriteAllText(Path.Combine(folder, InfoFile), json.ToJsonString(new JsonSerializerOptions { WriteIndented = true }) + "\n");
        File.WriteAllText(Path.Combine(folder, RecordsFile), records);
        if (cells.Count > 0)
            File.WriteAllText(Path.Combine(folder, CellsFile), string.Join("\n", cells.SelectMany(c => c.Rows(info.ClassNames)).Prepend(TestCells.Header)) + "\n");
        else File.Delete(Path.Combine(folder, CellsFile));
    }

    // Committed records must not carry this machine's paths: a start keeps the folder and file names its tables print.
    private static ExperimentConfig Portable(ExperimentConfig config) => config.InitialisationPath is not { } path ? config
        : config with { InitialisationPath = $"{Path.GetFileName(Path.GetDirectoryName(Path.GetFullPath(path)))}/{Path.GetFileName(path.TrimEnd('/'))}" };

    /// <summary>Reads a records folder; run paths are given under <paramref name="runFolder"/> (only names, nothing is opened there).</summary>
    /// <exception cref="InvalidDataException">A file is missing or malformed; the message names the file and the field.</exception>
    public static ReproductionRecords Read(string folder, string runFolder = "runs")
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(folder);
        var infoPath = Path.Combine(folder, InfoFile);
        if (!File.Exists(infoPath)) throw new InvalidDataException($"'{folder}' holds no reproduction records: {InfoFile} is missing.");
        ReproductionInfo info;
        try
        {
            var json = JsonNode.Parse(File.ReadAllText(infoPath))!.AsObject();
            string Text(string field) => json[field]?.GetValue<string>() ?? throw new InvalidDataException($"{infoPath}: field '{field}' is missing.");
            info = new ReproductionInfo(Text("protocol"), Text("profile"),
                json["classNames"]?.AsArray().Select(n => n!.GetValue<string>()).ToArray() ?? throw new InvalidDataException($"{infoPath}: field 'classNames' is missing."),
                ExperimentConfigJson.FromJson(json["firstConfig"]?.ToJsonString() ?? throw new InvalidDataException($"{infoPath}: field 'firstConfig' is missing.")),
                json["spanSeconds"]?.GetValue<double>(), json["cores"]?.GetValue<int>() ?? 0, Text("machine"),
                json["pretrainingSeconds"]?.GetValue<double>(), json["pretrainedCheckpoints"]?.GetValue<int>() ?? 0);
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException or FormatException)
        {
            throw new InvalidDataException($"{infoPath} is not readable: {e.Message}", e);
        }
        var recordsPath = Path.Combine(folder, RecordsFile);
        if (!File.Exists(recordsPath)) throw new InvalidDataException($"'{folder}': {RecordsFile} is missing.");
        var runs = RoundRecords.Read(File.ReadAllText(recordsPath), info.ClassNames, runFolder, recordsPath);
        var cellsPath = Path.Combine(folder, CellsFile);
        var cells = File.Exists(cellsPath) ? TestCells.Read(File.ReadAllText(cellsPath), info.ClassNames, cellsPath) : [];
        foreach (var run in runs)
            for (int r = 0; r < run.CorrectByCell.Count; r++)
                if (run.CorrectByCell[r] is { } counts && (cells.FirstOrDefault(c => c.Split == run.Run.Split) is not { } known || known.Cells.Count != counts.Length))
                    throw new InvalidDataException($"{recordsPath}: run '{run.Run.Directory}' round {r} has {counts.Length} per-cell counts, which {CellsFile} does not describe for split {run.Run.Split}.");
        return new ReproductionRecords(info, runs, cells);
    }

    /// <summary>
    /// Records the finished <paramref name="runs"/> of <paramref name="campaign"/> into <paramref name="folder"/> and reads
    /// them back: what is committed is what every table is then rebuilt from. BCCD `provided` gets its test cells.
    /// </summary>
    public static ReproductionRecords Record(Reproduction campaign, IReadOnlyList<ReproductionRun> runs, ExperimentDataProvider data,
        string folder)
    {
        ArgumentNullException.ThrowIfNull(campaign);
        ArgumentNullException.ThrowIfNull(data);
        var first = campaign.Plan[0].Config;
        var cells = campaign.Plan.Select(p => p.Config).Where(c => c.DataSet == "bccd" && c.Split == Data.SplitName.Provided.Value).Take(1)
            .Select(c => TestCells.FromMap(c.Split, data.BccdSourceCells(), data.Images(c.DataSet, c.ImageSize, c.CropPixels).Data,
                Data.Splits.Create(c.Split, data.Images(c.DataSet, c.ImageSize, c.CropPixels).Data, c.Seed).TestIds)).ToList();
        var pretrained = Pretraining(campaign.Plan.Select(p => p.Config));
        var info = new ReproductionInfo(campaign.Protocol, campaign.Profile.ToString().ToLowerInvariant(), campaign.ClassNames(data), first,
            Span(runs), Environment.ProcessorCount, DescribeMachine(Runtime.Precision), pretrained?.Seconds, pretrained?.Count ?? 0);
        Write(folder, info, runs, campaign.RunFolder, cells);
        return Read(folder, campaign.RunFolder);
    }

    // The run store writes each round file once, when the round is committed; the strategies file when the run starts.
    private static double? Span(IReadOnlyList<ReproductionRun> runs)
    {
        var starts = runs.SelectMany(r => new[] { Path.Combine(r.Directory, "strategies.json"), Path.Combine(r.Directory, "rounds", "0.json") })
            .Where(File.Exists).Select(File.GetLastWriteTimeUtc).ToList();
        var ends = runs.Where(r => Directory.Exists(Path.Combine(r.Directory, "rounds")))
            .SelectMany(r => Directory.GetFiles(Path.Combine(r.Directory, "rounds"), "*.json")).Select(File.GetLastWriteTimeUtc).ToList();
        return starts.Count == 0 || ends.Count == 0 ? null : (ends.Max() - starts.Min()).TotalSeconds;
    }

    // Each pretrained checkpoint's sidecar logs its epochs with cumulative seconds.
    private static (double Seconds, int Count)? Pretraining(IEnumerable<ExperimentConfig> configs)
    {
        var sidecars = configs.Where(c => c.Initialisation == InitialisationKind.Pretrained && c.InitialisationPath is not null)
            .Select(c => Path.ChangeExtension(c.InitialisationPath!, ".json")).Distinct().Where(File.Exists).ToList();
        if (sidecars.Count == 0) return null;
        double total = 0;
        foreach (var sidecar in sidecars)
            total += JsonNode.Parse(File.ReadAllText(sidecar))?["epochs"]?.AsArray().LastOrDefault()?["seconds"]?.GetValue<double>() ?? 0;
        return (total, sidecars.Count);
    }

    /// <summary>The machine line for <see cref="ReproductionInfo.Machine"/>: processor and engine precision.</summary>
    public static string DescribeMachine(Precision precision) => $"{CpuFeatures.Current.ModelName}, {precision.ToName()}";
}
