using System.CommandLine;
using Workbench.Data;

namespace Workbench.Cli;

/// <summary>`workbench data check|cache|cells`: inspect a data set, or build its decoded-image cache.</summary>
internal static class DataCommand
{
    public static Command Create()
    {
        var data = new Command("data", "Inspect data sets and build image caches");
        data.Subcommands.Add(Check());
        data.Subcommands.Add(Cache());
        data.Subcommands.Add(CellsCommand.Create());
        return data;
    }

    private static Argument<string> DataSetArgument() =>
        new("dataset") { Description = $"One of: {string.Join(", ", DataSets.Names)}, or your own images: a folder (labelled/<class>/, unlabelled/, test/<class>/) or a manifest .csv" };

    // A user's folder or manifest needs no data root; a built-in name is looked up under it.
    private static DataSet LoadNamed(string name, CommonOptions common, ParseResult result, bool everything)
    {
        if (IsOwn(name)) return OwnData.Load(name);
        var root = common.ResolveDataRoot(result);
        return everything ? DataSets.LoadEverything(name, root) : DataSets.Load(name, root);
    }

    private static bool IsOwn(string name) =>
        OwnData.IsOwnDataName(name) || (!DataSets.Names.Contains(name.Trim().ToLowerInvariant()) && (Directory.Exists(name) || File.Exists(name)));

    private static Command Check()
    {
        var common = new CommonOptions();
        var dataset = DataSetArgument();
        var markdown = new Option<bool>("--markdown") { Description = "Print the report as Markdown" };
        var leakAudit = new Option<bool>("--leak-audit")
        {
            Description = "Also count test images with a near-copy (same cell, augmented) on the training side (decodes the images through "
                + "the cache): bccd for the paper, grouped and provided splits; pbc / pbc-fine for the stratified 50/50 split, with the "
                + "distinct cells among its test images",
        };
        var seeds = new Option<int>("--seeds") { Description = "Leak audit: seeds 0..N-1 of the paper and grouped splits (bccd) or the stratified split (pbc)", DefaultValueFactory = _ => 3 };
        var threshold = new Option<int>("--threshold")
        {
            Description = $"Leak audit: near-copy threshold in bits of {CellHash.Bits}",
            DefaultValueFactory = _ => LeakAudit.DefaultThreshold,
        };
        var size = new Option<int>("--size") { Description = "Leak audit: decoded image side in pixels", DefaultValueFactory = _ => 64 };
        var command = new Command("check", "Counts per folder and class, image sizes, skipped files, duplicates; optionally a near-copy leak audit");
        command.Arguments.Add(dataset);
        command.Options.Add(markdown);
        command.Options.Add(leakAudit);
        command.Options.Add(seeds);
        command.Options.Add(threshold);
        command.Options.Add(size);
        common.AddTo(command, engine: false);
        command.SetAction(result => CommandRunner.Run(() =>
        {
            // Every folder on disk is scanned (BCCD TEST_SIMPLE too); the report says which ones form the pool.
            var set = LoadNamed(result.GetValue(dataset)!, common, result, everything: true);
            bool audit = result.GetValue(leakAudit);
            if (audit)
                CheckLeakAuditOptions(set, result.GetValue(seeds), result.GetValue(threshold));
            DataCheckReport report = null!;
            Terminal.Progress(bars =>
            {
                // Every image is decoded, not only its header read: a truncated or damaged file is reported by the check
                // itself, not found later when the cache is built.
                var bar = bars.Add("hashing and decoding", set.Count);
                report = DataChecker.Check(set, new Progress<int>(done => bar.Value = done), ImageCache.DecodeWithEngine);
                bar.Complete();
            });
            Console.WriteLine(result.GetValue(markdown) ? report.ToMarkdown() : report.ToText());
            if (audit)
            {
                var leaks = RunLeakAudit(common.Cache(result), set, result.GetValue(size), result.GetValue(seeds), result.GetValue(threshold));
                Console.WriteLine(result.GetValue(markdown) ? leaks.ToMarkdown() : leaks.ToText());
            }
            return 0;
        }));
        return command;
    }

    // Checked before the (slow) data check so that a wrong option fails at once.
    private static void CheckLeakAuditOptions(DataSet set, int seedCount, int threshold)
    {
        if (set.Name is not ("bccd" or "pbc" or "pbc-fine"))
            throw new ArgumentException($"--leak-audit is for bccd (its paper, grouped and provided splits) and pbc / pbc-fine (the stratified split); got '{set.Name}'.");
        if (seedCount < 1) throw new ArgumentOutOfRangeException("--seeds", seedCount, "must be >= 1");
        if (threshold < 0 || threshold > CellHash.Bits) throw new ArgumentOutOfRangeException("--threshold", threshold, $"must be in 0..{CellHash.Bits}");
    }

    private static LeakAuditReport RunLeakAudit(ImageCache cache, DataSet set, int size, int seedCount, int threshold)
    {
        using var cached = Progress.LoadImages(cache, set, size);
        var hashes = ImageHashes.Compute(cached);
        var seeds = Enumerable.Range(0, seedCount).ToList();
        return set.Name == "bccd" ? LeakAudit.ForBccd(hashes, size, seeds, threshold, Terminal.Note)
            : LeakAudit.ForStratified(hashes, size, seeds, threshold, Terminal.Note);
    }

    private static Command Cache()
    {
        var common = new CommonOptions();
        var dataset = DataSetArgument();
        var size = new Option<int>("--size") { Description = "Image side in pixels", DefaultValueFactory = _ => 64 };
        var crop = CropOption.Create();
        var command = new Command("cache", "Decode and resize a data set once into the on-disk cache");
        command.Arguments.Add(dataset);
        command.Options.Add(size);
        command.Options.Add(crop);
        common.AddTo(command, engine: false);
        command.SetAction(result => CommandRunner.Run(() =>
        {
            var set = LoadNamed(result.GetValue(dataset)!, common, result, everything: false);
            using var cached = Progress.LoadImages(common.Cache(result), set, result.GetValue(size), CropOption.Parse(result, crop));
            Console.WriteLine($"{cached.Status} ({cached.CachePath})");
            return 0;
        }));
        return command;
    }
}
