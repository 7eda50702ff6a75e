using System.Diagnostics;
using Workbench.Config;
using Workbench.Loop;

namespace Workbench.Reproductions;

/// <summary>
/// One protocol's campaign (poster: every arm and its random control over splits and seeds; bone marrow: CST / AL / CST+AL
/// and controls over seeds), run into one folder, then summarised as a <see cref="ReproductionReport"/>. What `workbench
/// reproduce` does, callable from a notebook:
/// <code>var report = new Reproduction("poster", PresetProfile.Quick, [0, 1, 2], "runs/reproduce-poster-quick").Run(data);
/// report.WriteTo("results");</code>
/// Runs already finished in the folder are read back, interrupted ones resumed.
/// </summary>
public sealed class Reproduction
{
    /// <param name="protocol">"poster" or "bone-marrow".</param>
    /// <param name="profile">Quick or full.</param>
    /// <param name="seeds">The seeds every arm runs.</param>
    /// <param name="runFolder">Where each run gets its folder (split/arm/seed-n).</param>
    /// <param name="adjust">Applied to every preset config (e.g. a start from a weights file); the result is checked.</param>
    /// <param name="splits">The poster's splits (default: paper and provided on bccd, stratified on pbc); the bone-marrow protocol has one.</param>
    /// <param name="dataSet">The poster's data set, bccd (default) or pbc (8 coarse classes); the bone-marrow protocol has its own.</param>
    /// <param name="recipes">The poster's arms (default <see cref="PosterReproduction.Strategies"/>; <see cref="PosterReproduction.Extended"/>
    /// adds FixMatch); each AL recipe also runs with random queries.</param>
    /// <exception cref="ArgumentException">
    /// Unknown protocol or data set, a split the data set has not, no seeds, a start from a file on PBC, or a planned config is
    /// invalid (names the field).
    /// </exception>
    public Reproduction(string protocol, PresetProfile profile, IReadOnlyList<int> seeds, string runFolder,
        Func<ExperimentConfig, ExperimentConfig>? adjust = null, IReadOnlyList<string>? splits = null, string? dataSet = null,
        IReadOnlyList<string>? recipes = null)
    {
        ArgumentNullException.ThrowIfNull(seeds);
        ArgumentException.ThrowIfNullOrWhiteSpace(runFolder);
        if (seeds.Count == 0) throw new ArgumentOutOfRangeException("--seeds", 0, "must be >= 1");
        Protocol = Presets.NormaliseProtocol(protocol);
        Profile = profile;
        RunFolder = runFolder;
        adjust ??= c => c;
        IEnumerable<(ExperimentConfig Config, string RunDirectory)> plan;
        if (Protocol == "poster")
        {
            var data = PosterReproduction.CheckDataSet(dataSet ?? PosterReproduction.HomeDataSet);
            var splitNames = PosterReproduction.CheckSplits(data, splits ?? PosterReproduction.DefaultSplits(data));
            plan = new PosterReproduction
            {
                Profile = profile, Seeds = seeds, Adjust = adjust, DataSet = data, SplitNames = splitNames,
                RecipeNames = recipes ?? PosterReproduction.Strategies,
            }.Plan(runFolder);
        }
        else
        {
            if (recipes is not null) throw new ArgumentException("reproduce bone-marrow compares its own arms (cst, al, cst+al): --recipes is the poster's", "--recipes");
            if (dataSet is not null && dataSet != Presets.BoneMarrow().DataSet)
                throw new ArgumentException($"reproduce bone-marrow runs on {Presets.BoneMarrow().DataSet} only, not '{dataSet}'", "--dataset");
            plan = new BoneMarrowReproduction { Profile = profile, Seeds = seeds, Adjust = adjust }.Plan(runFolder);
        }
        // Checked here, where the configs are built: a bad one fails before hours of runs, not in the middle of them.
        Plan = plan.Select(p => (p.Config.Validate(), p.RunDirectory)).ToList();
        // A weights file or checkpoint may have been trained on PBC's labels, i.e. on its test half's distribution (the
        // PBC-supervised checkpoint of the BCCD transfer runs is one): on PBC only scratch and SimCLR on its training half start.
        if (Plan[0].Config.DataSet == "pbc"
            && Plan.Select(p => p.Config).FirstOrDefault(c => c.Initialisation is InitialisationKind.Weights or InitialisationKind.Checkpoint) is { } fromFile)
            throw new ArgumentException($"reproduce poster on pbc starts from scratch or from SimCLR on PBC's training half (--init scratch|pretrained), "
                + $"not from a file ({fromFile.InitialisationPath}): it may have been trained on PBC's labels or its test half", "--dataset");
    }

    /// <summary>The data set the campaign runs on ("bccd", "pbc", "pbc-fine").</summary>
    public string DataSet => Plan[0].Config.DataSet;

    private Reproduction(Reproduction whole, IReadOnlyList<(ExperimentConfig Config, string RunDirectory)> plan)
    {
        (Protocol, Profile, RunFolder, Plan) = (whole.Protocol, whole.Profile, whole.RunFolder, plan);
    }

    /// <summary>"poster" or "bone-marrow".</summary>
    public string Protocol { get; }

    /// <summary>Quick or full.</summary>
    public PresetProfile Profile { get; }

    /// <summary>Where the runs are.</summary>
    public string RunFolder { get; }

    /// <summary>Every run of the campaign: its config and folder, in the order they run.</summary>
    public IReadOnlyList<(ExperimentConfig Config, string RunDirectory)> Plan { get; }

    /// <summary>The share of worker <paramref name="index"/> of <paramref name="count"/> (whole split-and-seed groups).</summary>
    public Reproduction Part(int index, int count) => new(this, ReproductionParts.Part(Plan, index, count));

    /// <summary>Runs (or resumes, or reads back) every planned run with data from <paramref name="data"/>.</summary>
    public IReadOnlyList<ReproductionRun> RunAll(ExperimentDataProvider data,
        Func<ExperimentConfig, IProgress<ExperimentProgress>?>? progress = null, CancellationToken cancel = default) =>
        ReproductionRun.RunAll(Plan, data, progress, cancel);

    /// <summary>Runs (or resumes) the campaign and summarises it.</summary>
    public ReproductionReport Run(ExperimentDataProvider data,
        Func<ExperimentConfig, IProgress<ExperimentProgress>?>? progress = null, CancellationToken cancel = default)
    {
        ArgumentNullException.ThrowIfNull(data);
        var clock = Stopwatch.StartNew();
        var runs = RunAll(data, progress, cancel);
        return Report(runs, ClassNames(data), clock.Elapsed);
    }

    /// <summary>
    /// Runs (or resumes) the campaign on data of one's own (e.g. a synthetic problem): <paramref name="open"/> gives each
    /// planned config its data, which the run disposes.
    /// </summary>
    public ReproductionReport Run(Func<ExperimentConfig, IExperimentData> open,
        Func<ExperimentConfig, IProgress<ExperimentProgress>?>? progress = null, CancellationToken cancel = default)
    {
        ArgumentNullException.ThrowIfNull(open);
        var clock = Stopwatch.StartNew();
        var runs = ReproductionRun.RunAll(Plan, open, progress, cancel);
        var first = open(Plan[0].Config);
        IReadOnlyList<string> classNames = first.ClassNames.ToArray();
        (first as IDisposable)?.Dispose();
        return Report(runs, classNames, clock.Elapsed);
    }

    /// <summary>The classes of the campaign's data set (the bone-marrow summary names its hard trio by them).</summary>
    public IReadOnlyList<string> ClassNames(ExperimentDataProvider data)
    {
        ArgumentNullException.ThrowIfNull(data);
        return data.Images(Plan[0].Config.DataSet, Plan[0].Config.ImageSize, Plan[0].Config.CropPixels).Data.ClassNames;
    }

    /// <summary>The report of finished <paramref name="runs"/>; <paramref name="wall"/> is the time this invocation took.</summary>
    public ReproductionReport Report(IReadOnlyList<ReproductionRun> runs, IReadOnlyList<string> classNames, TimeSpan wall) =>
        ReproductionReport.Of(Protocol, Profile, Plan[0].Config, runs, classNames, wall);
}
