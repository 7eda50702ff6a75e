using System.Text.Json.Nodes;
using Workbench.Tests.Engine;

namespace Workbench.Tests.Cli;

/// <summary>
/// Each command as a user runs it: its success path and its main error paths, asserting on what the user reads and on
/// the exit code (0 success, 1 usage error, 2 failure; `workbench --help` lists them). In the torchvision collection:
/// the generated weight files live until these tests are done.
/// </summary>
[Collection(TorchvisionCollection.Name)]
public sealed class CliCommandTests(CliFixture cli) : IClassFixture<CliFixture>
{
    // The load report a torchvision ResNet-18 file gives a 4-class ResNet-18: everything but the 1,000-class head.
    private const string TorchvisionLoadReport =
        "loaded 120 of 122 tensors; fc.weight [1000, 512] and fc.bias [1000] do not fit this model (it has [4, 512] and [4]) and start random";

    internal static void Expect(CliResult result, int exitCode, params string[] texts)
    {
        Assert.True(result.ExitCode == exitCode, $"expected exit {exitCode}, got {result}");
        foreach (var text in texts) Assert.Contains(text, result.Output);
        // Whatever failed, it never surfaces as a Spectre markup error.
        Assert.DoesNotContain("Could not find color or style", result.Output);
        Assert.DoesNotContain("Unbalanced markup", result.Output);
    }

    private string[] Train(params string[] options) =>
        ["train", "--size", "16", "--epochs", "1", "--labelled-fraction", "0.5", "--threads", "1", .. cli.DataOptions, .. options];

    [Fact]
    public void HelpListsTheExitCodes() =>
        Expect(CliFixture.Workbench("--help"), 0, "Exit codes: 0 success; 1 usage error", "2 failure", "3 internal error");

    [Fact]
    public void RunHelpAndInfoListTheStrategiesOfTheRegistry()
    {
        // The CLI's process holds the built-ins only (this process also holds the strategies other tests register).
        string[] queries = [.. Workbench.Selection.SelectionStrategies.All.Where(r => r.BuiltIn && r.IsQuery).Select(r => r.Name)];
        Assert.Equal(8, queries.Length);
        Expect(CliFixture.Workbench("run", "--help"), 0, ["--query", "--balanced-queries", .. queries]);
        Expect(CliFixture.Workbench("info"), 0, ["query strategies (activeLearning, --query): " + string.Join(", ", queries), "proposal strategies: pseudo-label, cst"]);
    }

    [Fact]
    public void TorchvisionWeightsWithAThousandClassHeadTrainAFourClassResNet()
    {
        var result = CliFixture.Workbench(Train("--arch", "resnet18", "--init", CliFixture.TorchvisionResNet18));
        Expect(result, 0, $"init from {CliFixture.TorchvisionResNet18}: {TorchvisionLoadReport}", "test accuracy", "init ");
    }

    [Fact]
    public void RunStartsFromTorchvisionWeightsAndSaysWhatWasLoaded()
    {
        var config = CliFixture.RunConfig(recipe: "baseline", rounds: 0, epochs: 1);
        config["architecture"] = "resnet18";
        config["initialisation"] = "weights";
        config["initialisationPath"] = CliFixture.TorchvisionResNet18;
        var output = cli.Folder("run-weights");
        var result = CliFixture.Workbench(["run", "--config", cli.WriteConfig(config), "--out", output, "--threads", "1", .. cli.DataOptions], 300);
        Expect(result, 0, $"init from {CliFixture.TorchvisionResNet18}: {TorchvisionLoadReport}", $"run folder: {output}");
    }

    [Fact]
    public void AReproductionChecksItsWeightsBeforeAnyRunStarts()
    {
        // The quick profile's cnn4 cannot take ResNet-18 weights: said at once, and no run folder is started.
        var output = cli.Folder("reproduce");
        var result = CliFixture.Workbench(["reproduce", "poster", "--seeds", "1", "--splits", "paper", "--weights", CliFixture.TorchvisionResNet18,
            "--out", output, "--results", cli.Folder("results"), "--threads", "1", .. cli.DataOptions]);
        Expect(result, 2, "error: No tensor of", "fits a cnn4 with 4 classes");
        Assert.Empty(Directory.GetFiles(output, "config.json", SearchOption.AllDirectories));
    }

    [Fact]
    public void ThePostersQuickReproductionStartsPretrainedByDefault()
    {
        // No --init: the pretrained start is chosen, so its options are read (and this invalid one refused) before any run.
        var output = cli.Folder("default-start");
        var result = CliFixture.Workbench(["reproduce", "poster", "--seeds", "1", "--splits", "paper", "--pretrain-epochs", "0", "--out", output,
            "--results", cli.Folder("results"), "--threads", "1", .. cli.DataOptions]);
        Expect(result, 1, "error: epochs must be >= 1");
        Assert.DoesNotContain("runs into", result.Output);
        Assert.False(Directory.Exists(output) && Directory.GetFiles(output, "config.json", SearchOption.AllDirectories).Length > 0);
        // One run of the same preset too.
        Expect(CliFixture.Workbench(["run", "poster", "--pretrain-epochs", "0", "--out", cli.Folder("default-run"), "--threads", "1", .. cli.DataOptions]),
            1, "error: epochs must be >= 1");
    }

    [Fact]
    public void APosterReproductionOnAnUnknownDataSetOrAForeignSplitIsAOneLineError()
    {
        var unknown = CliFixture.Workbench(["reproduce", "poster", "--dataset", "mnist", "--out", cli.Folder("mnist"), .. cli.DataOptions]);
        Expect(unknown, 1, "error: reproduce poster runs on bccd or pbc, not 'mnist'");
        Assert.DoesNotContain("runs into", unknown.Output);
        Expect(CliFixture.Workbench(["reproduce", "poster", "--dataset", "pbc", "--splits", "paper", "--init", "scratch", "--out", cli.Folder("pbc-paper"),
            .. cli.DataOptions]), 1, "error: split 'paper' does not apply to pbc");
    }

    [Fact]
    public void ZeroJobsIsAUsageError() =>
        Expect(CliFixture.Workbench(["reproduce", "poster", "--jobs", "0", "--out", cli.Folder("jobs"), .. cli.DataOptions]), 1,
            "error: must be >= 1 (Parameter '--jobs')");

    [Fact]
    public void AnUnknownPrecisionIsAUsageErrorNamingIt() =>
        Expect(CliFixture.Workbench(["train", "--precision", "fp16", .. cli.DataOptions]), 1,
            "error: unknown precision 'fp16' (expected fp32, bf16, auto) (Parameter '--precision')");

    [Fact]
    public void AConfigFileKeepsItsOwnStart()
    {
        // A config file from scratch stays from scratch under the quick profile's pretrained default (1 epoch if it broke).
        var output = cli.Folder("config-start");
        var config = CliFixture.RunConfig(recipe: "baseline", rounds: 0, epochs: 1);
        Expect(CliFixture.Workbench(["run", "--config", cli.WriteConfig(config), "--out", output, "--pretrain-epochs", "1", "--threads", "1",
            .. cli.DataOptions]), 0);
        var stored = JsonNode.Parse(File.ReadAllText(Path.Combine(output, "config.json")))!;
        Assert.Equal("scratch", stored["initialisation"]!.GetValue<string>().ToLowerInvariant());
    }

    [Fact]
    public void WeightsOfAnotherArchitectureAreAFailureThatSaysSo()
    {
        var result = CliFixture.Workbench(Train("--arch", "cnn4", "--init", CliFixture.TorchvisionResNet18));
        Expect(result, 2, "error: No tensor of", "fits a cnn4 with 4 classes: is it another architecture's?");
    }

    [Fact]
    public void ACorruptWeightsFileIsAFailureNamingTheFile()
    {
        // A download cut short: the first 64 KiB of a real file. The name carries markup-like text too.
        var path = Path.Combine(cli.Folder("corrupt"), "rn18 [red]cut[1000, 512].pt");
        using (var source = File.OpenRead(CliFixture.TorchvisionResNet18))
        using (var target = File.Create(path))
        {
            var head = new byte[64 * 1024];
            source.ReadExactly(head);
            target.Write(head);
        }
        Expect(CliFixture.Workbench(Train("--arch", "resnet18", "--init", path)), 2, "error: ", path);
    }

    [Fact]
    public void AMissingWeightsFileWithBracketsInItsPathIsNamedLiterally()
    {
        var path = Path.Combine(cli.Folder("missing"), "[red]w[/].pt");  // a folder "[red]w[" and a file "].pt"
        Expect(CliFixture.Workbench(Train("--arch", "resnet18", "--init", path)), 2, $"error: weights file '{path}' does not exist");
    }

    [Fact]
    public void AMissingDataRootIsAFailureNamingTheFolder()
    {
        var missing = Path.Combine(cli.Folder("no-data"), "datasets");
        Expect(CliFixture.Workbench("train", "--data-root", missing, "--cache-dir", cli.CacheDir), 2,
            $"error: Data root given as option does not exist: {missing}");
    }

    [Theory]
    [InlineData("train", "--dataset", "nope", "Unknown data set 'nope'")]
    [InlineData("train", "--arch", "nope", "unknown architecture 'nope'")]
    [InlineData("train", "--split", "nope", "Unknown split 'nope'")]
    public void UnknownNamesAreUsageErrors(string command, string option, string value, string message) =>
        Expect(CliFixture.Workbench([command, option, value, .. cli.DataOptions]), 1, $"error: {message}");

    [Theory]
    [InlineData("--arch", "nope", "unknown architecture 'nope' (expected resnet18, senet8, smallcnn, cnn4 or cnn4-dropout) (Parameter '--arch')")]
    [InlineData("--query", "nope", "unknown query strategy 'nope'; valid: cluster-margin")]
    [InlineData("--size", "4", "--size must be >= 8 pixels, got 4")]
    public void AReproductionsVariantOptionsRefuseBadValuesBeforeAnythingRuns(string option, string value, string message) =>
        Expect(CliFixture.Workbench(["reproduce", "poster", option, value, "--seeds", "1", "--out", cli.Folder("variant"), .. cli.DataOptions]), 1,
            $"error: {message}");

    [Fact]
    public void RunRefusesAnUnknownInitialSelectionAndATypiclustStartFromScratch()
    {
        Expect(CliFixture.Workbench(["run", "poster", "--initial-selection", "nope", "--out", cli.Folder("start"), .. cli.DataOptions]), 1,
            "initialSelection: unknown initial selection 'nope'; valid: stratified, random, typiclust");
        Expect(CliFixture.Workbench(["run", "poster", "--initial-selection", "typiclust", "--init", "scratch", "--out", cli.Folder("start2"), .. cli.DataOptions]), 1,
            "initialSelection: 'typiclust' clusters the starting model's embeddings");
    }

    [Fact]
    public void AnUnknownRecipeIsAUsageError() =>
        Expect(CliFixture.Workbench(["run", "poster", "--recipe", "nope", "--out", cli.Folder("recipe"), .. cli.DataOptions]), 1,
            "error: Unknown recipe 'nope'. Valid recipes: baseline, ssl, al, ssl+al, cst, cst+al, fixmatch, fixmatch+al.");

    [Fact]
    public void TheOldStrategyOptionStillTakesARecipeWithADeprecationNote()
    {
        var result = CliFixture.Workbench(["run", "poster", "--strategy", "nope", "--out", cli.Folder("strategy"), .. cli.DataOptions]);
        Expect(result, 1, "note: --strategy is deprecated; use --recipe (same values)", "error: Unknown recipe 'nope'");
        Expect(CliFixture.Workbench(["run", "poster", "--recipe", "al", "--strategy", "ssl", .. cli.DataOptions]), 1,
            "--recipe al and --strategy ssl disagree");
    }

    [Fact]
    public void AnUnknownOptionIsAUsageError() =>
        Expect(CliFixture.Workbench("train", "--no-such-option"), 1, "--no-such-option");

    [Fact]
    public void ARunFolderOfAnotherConfigIsRefusedAndKeepsItsRounds()
    {
        var output = cli.Folder("other-config");
        var first = CliFixture.RunConfig(recipe: "baseline", rounds: 0, epochs: 1);
        Expect(CliFixture.Workbench(["run", "--config", cli.WriteConfig(first), "--out", output, "--threads", "1", .. cli.DataOptions]), 0);
        var before = File.ReadAllText(Path.Combine(output, "config.json"));

        var second = CliFixture.RunConfig(recipe: "baseline", rounds: 0, epochs: 1);
        second["seed"] = 1;
        var refused = CliFixture.Workbench(["run", "--config", cli.WriteConfig(second), "--out", output, "--threads", "1", .. cli.DataOptions]);
        Expect(refused, 2, "was started with a different config", "seed (stored 0, requested 1)");
        Assert.Equal(before, File.ReadAllText(Path.Combine(output, "config.json")));
        Assert.True(File.Exists(Path.Combine(output, "rounds", "0.json")), "the refused run must not lose the stored round");
    }

    [Fact]
    public void AnInterruptedRunResumesFromItsLastFinishedRound()
    {
        var output = cli.Folder("interrupted");
        // Enough epochs that a round takes a while: the process is killed between rounds 0 and 3.
        var config = cli.WriteConfig(CliFixture.RunConfig(recipe: "al", rounds: 3, epochs: 60));
        string[] arguments = ["run", "--config", config, "--out", output, "--threads", "1", .. cli.DataOptions];
        // Round 1's file means round 0 is committed (its state is written before the next round starts); round 0's own
        // file may exist before its commit, and a run killed then restarts round 0.
        KillAfterFirstRound(arguments, Path.Combine(output, "rounds", "1.json"));
        Assert.False(File.Exists(Path.Combine(output, "rounds", "3.json")), "the run finished before it was killed: make rounds slower");

        var resumed = CliFixture.Workbench(arguments, 600);
        Expect(resumed, 0, $"resumed the run in {output} after its finished round");
        var after = int.Parse(System.Text.RegularExpressions.Regex.Match(resumed.Output, @"after its finished round (\d+)").Groups[1].Value);
        Assert.InRange(after, 0, 2);
        for (int round = 0; round <= 3; round++) Assert.True(File.Exists(Path.Combine(output, "rounds", $"{round}.json")), $"round {round}");
    }

    private static void KillAfterFirstRound(string[] arguments, string firstRound)
    {
        var start = new System.Diagnostics.ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(Kernel.JupyterTools.WorkbenchDll);
        foreach (var a in arguments) start.ArgumentList.Add(a);
        start.Environment["OMP_WAIT_POLICY"] = "PASSIVE";
        using var process = System.Diagnostics.Process.Start(start)!;
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var deadline = DateTime.UtcNow.AddMinutes(5);
        while (!File.Exists(firstRound) && !process.HasExited && DateTime.UtcNow < deadline) Thread.Sleep(20);
        Assert.True(File.Exists(firstRound), $"{firstRound} never appeared");
        process.Kill(entireProcessTree: true);  // as a crash or a closed terminal would
        process.WaitForExit();
    }

    [Fact]
    public void ANotebookWithAFailingCellIsAFailureThatShowsTheCellsError()
    {
        var folder = cli.Folder("notebook");
        var path = Path.Combine(folder, "fails.ipynb");
        File.WriteAllText(path, Notebook("Console.WriteLine(\"first cell ran\");",
            "throw new InvalidOperationException(\"[red]boom[/] at [1000, 512]\");", "Console.WriteLine(\"never\");"));
        var output = Path.Combine(folder, "fails.out.ipynb");
        var result = CliFixture.Workbench("notebook", "run", path, "--out", output);
        Expect(result, 2, "cell 1 failed: System.InvalidOperationException: [red]boom[/] at [1000, 512]");
        Assert.Contains("first cell ran", File.ReadAllText(output));  // the partial notebook is written
    }

    [Fact]
    public void ABadNotebookParameterIsAUsageErrorShownLiterally()
    {
        var path = Path.Combine(cli.Folder("parameter"), "ok.ipynb");
        File.WriteAllText(path, Notebook("1 + 1"));
        Expect(CliFixture.Workbench("notebook", "run", path, "--parameter", "a[/]"), 1, "error: parameter 'a[/]' is not name=value");
    }

    private static string Notebook(params string[] cells)
    {
        var array = new JsonArray(cells.Select(code => (JsonNode)new JsonObject
        {
            ["cell_type"] = "code", ["execution_count"] = null, ["metadata"] = new JsonObject(), ["outputs"] = new JsonArray(),
            ["source"] = code,
        }).ToArray());
        return new JsonObject
        {
            ["cells"] = array, ["metadata"] = new JsonObject(), ["nbformat"] = 4, ["nbformat_minor"] = 5,
        }.ToJsonString();
    }
}
