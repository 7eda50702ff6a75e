using System.Reflection;
using System.Security.Cryptography;
using System.Text.RegularExpressions;
using Workbench.Notebooks;
using Workbench.Tests.Notebooks;

namespace Workbench.Tests.Reports;

/// <summary>
/// Executes every notebook of notebooks/ with tiny parameters (a few SGD steps, one seed, one or two rounds, a small
/// pool), into a temporary folder: the committed executed copies are never touched, and nothing is read from runs/,
/// so the test behaves the same on a clean clone. Notebooks that read committed records (03, 05) read them by default,
/// as a reader's clone does, and are also run with recompute=true and the tiny parameters. Decoded images go to the
/// default cache (data/cache, git-ignored).
/// </summary>
[Collection(NotebookRunnerCollection.Name)]
public sealed class NotebooksRunTests
{
    // "{temp}" is replaced by this run's temporary folder. Every notebook in the folder needs an entry.
    private static readonly IReadOnlyDictionary<string, IReadOnlyDictionary<string, string>> TinyParameters =
        new Dictionary<string, IReadOnlyDictionary<string, string>>
        {
            ["01-tour"] = new Dictionary<string, string>
            {
                ["maxSteps"] = "20", ["galleryTiles"] = "4", ["figuresDir"] = "{temp}/figures",
            },
            ["02-ssl-al-round-by-round"] = new Dictionary<string, string>
            {
                ["maxSteps"] = "20", ["rounds"] = "2", ["poolPerRound"] = "300", ["budget"] = "10", ["threshold"] = "0.3", ["galleryTiles"] = "4",
                ["figuresDir"] = "{temp}/figures",
            },
            ["03-reproduce-the-poster"] = new Dictionary<string, string>
            {
                ["seeds"] = "1", ["maxSteps"] = "20", ["rounds"] = "1", ["poolPerRound"] = "300", ["thresholds"] = "0.97",
                ["budgets"] = "50", ["workDir"] = "{temp}/work", ["figuresDir"] = "{temp}/figures",
                ["pretrainEpochs"] = "1",
            },
            ["04-per-class-failures"] = new Dictionary<string, string>
            {
                ["maxSteps"] = "20", ["rounds"] = "1", ["poolPerRound"] = "300", ["galleryTiles"] = "4",
                ["runsDir"] = "{temp}/no-runs", ["workDir"] = "{temp}/work", ["figuresDir"] = "{temp}/figures",
            },
            ["05-cst-al-bone-marrow-protocol"] = new Dictionary<string, string>
            {
                ["seeds"] = "1", ["maxSteps"] = "20", ["rounds"] = "1", ["poolPerRound"] = "300", ["threshold"] = "0.2",
                ["workDir"] = "{temp}/work", ["figuresDir"] = "{temp}/figures",
            },
            ["06-write-your-own-query-strategy"] = new Dictionary<string, string>
            {
                ["seeds"] = "1", ["maxSteps"] = "20", ["rounds"] = "1", ["poolPerRound"] = "300", ["budget"] = "10",
                ["workDir"] = "{temp}/work", ["figuresDir"] = "{temp}/figures",
            },
        };

    public static TheoryData<string> Names()
    {
        var data = new TheoryData<string>();
        foreach (string name in RepositoryPaths.NotebookNames()) data.Add(name);
        return data;
    }

    [Fact]
    public void Every_notebook_in_the_folder_has_tiny_parameters_and_every_entry_a_notebook()
    {
        var names = RepositoryPaths.NotebookNames();
        Assert.NotEmpty(names);
        Assert.Equal([], names.Except(TinyParameters.Keys).ToArray());
        Assert.Equal([], TinyParameters.Keys.Except(names).ToArray());
    }

    [Theory]
    [MemberData(nameof(Names))]
    public void Notebook_is_polyglot_csharp_with_a_title_and_a_parameters_cell(string name)
    {
        string path = Path.Combine(RepositoryPaths.Notebooks, name + ".ipynb");
        Assert.Empty(NbformatValidator.ValidateFile(path));
        var notebook = Notebook.Load(path);
        Assert.Equal(".net-csharp", notebook.Metadata["kernelspec"]?["name"]?.GetValue<string>());
        Assert.Equal("polyglot-notebook", notebook.Metadata["language_info"]?["name"]?.GetValue<string>());
        Assert.False(notebook.Cells[0].IsCode);
        Assert.StartsWith("# ", notebook.Cells[0].Source);
        var code = notebook.Cells.Where(c => c.IsCode).ToList();
        Assert.All(code, c => Assert.Equal("csharp", c.Metadata["polyglot_notebook"]?["kernelName"]?.GetValue<string>()));
        // VS Code's older .NET Interactive extension reads the language from here; without it a cell opens as plain text.
        Assert.All(code, c => Assert.Equal("csharp", c.Metadata["dotnet_interactive"]?["language"]?.GetValue<string>()));
        Assert.Single(code, c => c.HasTag(NotebookParameters.ParametersTag));
        // Tiny overrides must name declared parameters, or the runner refuses them.
        var declared = NotebookParameters.ParseDeclarations(code.Single(c => c.HasTag(NotebookParameters.ParametersTag)).Source).Select(d => d.Name);
        Assert.Empty(TinyParameters[name].Keys.Except(declared));
        Assert.Contains("profile", declared);
    }

    // Calls that run for minutes: training, predicting, whole experiments and reproductions, decoding files. Interrupting
    // a cell (Jupyter's stop button, the runner's cell timeout) only stops the ones that were handed the token.
    private static readonly Regex LongCall = new(@"(\.Train|\.Run|\.RunRound|\.Evaluate|\.PredictPool|\bRunOrResume|\bSamplePredictions\.Of|\bGalleryImages\.Decode|\bPretrainedStart\.Ensure)\(");

    [Theory]
    [MemberData(nameof(Names))]
    public void Every_long_call_receives_the_cells_cancellation_token(string name)
    {
        var notebook = Notebook.Load(Path.Combine(RepositoryPaths.Notebooks, name + ".ipynb"));
        var missing = new List<string>();
        foreach (var (cell, index) in notebook.Cells.Select((c, i) => (c, i)).Where(p => p.c.IsCode))
            foreach (Match call in LongCall.Matches(cell.Source))
            {
                string arguments = Arguments(cell.Source, call.Index + call.Length);
                if (!arguments.Contains("NotebookCancellation.Token", StringComparison.Ordinal)) missing.Add($"cell {index}: {call.Value}{arguments})");
            }
        Assert.Empty(missing);
    }

    [Theory]
    [MemberData(nameof(Names))]
    public void Notebook_uses_no_global_that_only_the_Workbench_kernel_defines(string name)
    {
        // .NET Interactive has display() too; CancellationToken is also the type's name, which any kernel knows.
        var kernelOnly = typeof(NotebookGlobals).GetMembers(BindingFlags.Public | BindingFlags.Instance | BindingFlags.DeclaredOnly)
            .Where(m => m is PropertyInfo || m is MethodInfo { IsSpecialName: false })
            .Select(m => m.Name)
            .Where(n => n is not "display" and not "CancellationToken")
            .Distinct()
            .ToArray();
        Assert.Contains("Cancellation", kernelOnly);
        var notebook = Notebook.Load(Path.Combine(RepositoryPaths.Notebooks, name + ".ipynb"));
        var uses = notebook.Cells.Select((c, i) => (c, i)).Where(p => p.c.IsCode)
            .SelectMany(p => kernelOnly.Where(g => Regex.IsMatch(p.c.Source, $@"(?<![\w.]){g}\b")).Select(g => $"cell {p.i}: {g}"))
            .ToArray();
        Assert.Empty(uses);
    }

    /// <summary>The text between an opening parenthesis (just before <paramref name="start"/>) and its closing one.</summary>
    private static string Arguments(string source, int start)
    {
        int depth = 1, i = start;
        for (; i < source.Length && depth > 0; i++) depth += source[i] switch { '(' => 1, ')' => -1, _ => 0 };
        return source[start..Math.Max(start, i - 1)];
    }

    // The notebooks that read committed per-seed records under results/ by default (parameter "records"). 04 reads them to
    // choose its model on validation and trains only that run (with the tiny parameters here).
    private static readonly string[] ReadRecords = ["03-reproduce-the-poster", "04-per-class-failures", "05-cst-al-bone-marrow-protocol"];

    [Theory]
    [MemberData(nameof(Names))]
    public async Task Notebook_runs_with_tiny_parameters(string name)
    {
        var notebook = await RunTiny(name, recompute: false);
        // With its default parameters a records notebook reads the committed records (a clone has them): a default that
        // points nowhere, or records that no longer parse, fail here rather than falling back to training.
        if (ReadRecords.Contains(name))
            Assert.Contains(notebook.Cells.Where(c => c.IsCode).SelectMany(c => c.Outputs.OfType<StreamOutput>()),
                o => o.Text.Contains("read the records of", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("03-reproduce-the-poster")]
    [InlineData("05-cst-al-bone-marrow-protocol")]
    public async Task Records_notebook_recomputes_with_tiny_parameters(string name)
    {
        var notebook = await RunTiny(name, recompute: true);
        Assert.Contains(notebook.Cells.Where(c => c.IsCode).SelectMany(c => c.Outputs.OfType<StreamOutput>()),
            o => o.Text.Contains("recompute: running", StringComparison.Ordinal));
    }

    private static async Task<Notebook> RunTiny(string name, bool recompute)
    {
        string input = Path.Combine(RepositoryPaths.Notebooks, name + ".ipynb");
        string before = Hash(input);
        string temp = Path.Combine(Path.GetTempPath(), $"wb-nbsuite-{name}-{Guid.NewGuid():N}");
        Directory.CreateDirectory(temp);
        try
        {
            var parameters = TinyParameters[name].ToDictionary(p => p.Key, p => p.Value.Replace("{temp}", temp, StringComparison.Ordinal));
            if (recompute) parameters["recompute"] = "true";
            string output = Path.Combine(temp, name + ".ipynb");
            var result = await NotebookRunner.RunAsync(input, new RunOptions
            {
                Parameters = parameters,
                OutputPath = output,
                HtmlPath = Path.Combine(temp, name + ".html"),
                CellTimeout = TimeSpan.FromMinutes(5),
            });

            Assert.True(result.Succeeded, $"cell {result.FailedCellIndex} failed: {result.Error?.EName}: {result.Error?.EValue}\n" +
                string.Join("\n", result.Error?.Traceback ?? []));
            Assert.Empty(NbformatValidator.ValidateFile(output));
            Assert.True(File.Exists(Path.Combine(temp, name + ".html")));
            string prefix = name[..2] + "-";
            Assert.NotEmpty(Directory.GetFiles(Path.Combine(temp, "figures"), prefix + "*"));
            // The last cell states the profile; machine and elapsed time stay out of committed copies (they are not the reader's).
            var last = result.Notebook.Cells.Last(c => c.IsCode);
            string footer = string.Concat(last.Outputs.OfType<StreamOutput>().Select(o => o.Text));
            Assert.Contains("profile quick", footer);
            Assert.DoesNotContain("cores", footer);
            Assert.DoesNotContain("elapsed", footer);
            Assert.Equal(before, Hash(input));
            return result.Notebook;
        }
        finally
        {
            Directory.Delete(temp, recursive: true);
        }
    }

    private static string Hash(string path) => Convert.ToHexString(SHA256.HashData(File.ReadAllBytes(path)));
}
