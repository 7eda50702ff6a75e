// Kernel tests: completion and inspection in process, over the submission chain the kernel builds from executed cells.
using Workbench.Kernel;
using Workbench.Notebooks;

namespace Workbench.Tests.Kernel;

/// <summary>One assistant for the class: loading the references' metadata is what takes time.</summary>
public sealed class CodeAssistantFixture : IDisposable
{
    private readonly ScriptSession _session = new();

    public CodeAssistantFixture() => Assistant = new CodeAssistant(_session.Options, ScriptSession.GlobalsType);

    internal CodeAssistant Assistant { get; }

    /// <summary>An assistant as on a machine with the .NET runtime but no SDK (no reference pack).</summary>
    internal CodeAssistant RuntimeOnly() => new(_session.Options, ScriptSession.GlobalsType, useReferencePack: false);

    public void Dispose()
    {
        Assistant.Dispose();
        _session.Dispose();
    }
}

public sealed class CodeAssistantTests(CodeAssistantFixture fixture) : IClassFixture<CodeAssistantFixture>
{
    private static readonly string[] History = ["var text = \"abc\";", "var list = new List<int> { 1, 2, 3 };"];

    [Theory]
    [InlineData("text.", "Length", 5)]
    [InlineData("text.Len", "Length", 5)]
    [InlineData("\"abc\".Len", "Length", 6)]
    [InlineData("System.Math.Ma", "Max", 12)]
    [InlineData("Math.Ma", "Max", 5)]
    [InlineData("new[]{1,2}.Sel", "Select", 11)]
    [InlineData("list.Where(x => x > 1).", "Select", 23)]
    [InlineData("list.Where(x => x > 1).Sel", "Select", 23)]
    [InlineData("new List<string>().Conv", "ConvertAll", 19)]
    [InlineData("Enumerable.Empty<int>().Firs", "FirstOrDefault", 24)]
    [InlineData("Presets.", "Poster", 8)]
    [InlineData("Workbench.Config.Pres", "Presets", 17)]
    [InlineData("Canc", "Cancellation", 0)]
    public async Task Completes_earlier_variables_literals_qualified_names_generic_and_extension_methods(string code, string expected, int start)
    {
        var (matches, from, to) = await fixture.Assistant.CompleteAsync(History, code, code.Length, CancellationToken.None);
        Assert.True(matches.Contains(expected), $"{code}: [{string.Join(", ", matches.Take(20))}] {from}..{to}");
        Assert.Equal((start, code.Length), (from, to));
    }

    [Fact]
    public async Task What_was_typed_after_the_dot_filters_the_members()
    {
        var (matches, _, _) = await fixture.Assistant.CompleteAsync(History, "text.To", "text.To".Length, CancellationToken.None);
        Assert.Contains("ToUpper", matches);
        Assert.All(matches, m => Assert.StartsWith("To", m, StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public async Task Inspect_gives_the_signature_and_the_summary_of_BCL_and_Workbench_members()
    {
        string? length = await fixture.Assistant.InspectAsync(History, "text.Length", "text.Length".Length, CancellationToken.None);
        Assert.Equal("int string.Length\n\nGets the number of characters in the current String object.", length);

        string? max = await fixture.Assistant.InspectAsync(History, "Math.Max(1, 2)", "Math.Max".Length, CancellationToken.None);
        Assert.NotNull(max);
        Assert.Matches(@"^int System\.Math\.Max\(int val1, int val2\) \(\+\d+ overloads\)\n\nReturns the larger of two 32-bit signed integers\.$", max);

        string? where = await fixture.Assistant.InspectAsync(History, "list.Where(x => x > 1)", "list.Where".Length, CancellationToken.None);
        Assert.NotNull(where);
        Assert.Contains("Where<int>(", where);
        Assert.Contains("Filters a sequence of values based on a predicate.", where);

        string? poster = await fixture.Assistant.InspectAsync(History, "Presets.Poster", "Presets.Poster".Length, CancellationToken.None);
        Assert.NotNull(poster);
        Assert.StartsWith("Workbench.Config.ExperimentConfig Workbench.Config.Presets.Poster(", poster);
        Assert.Contains("\n\nSSL+AL poster (BCCD)", poster);
    }

    [Fact]
    public async Task Summary_references_read_as_the_names_they_point_at()
    {
        string? experiment = await fixture.Assistant.InspectAsync([], "Workbench.Loop.Experiment", "Workbench.Loop.Experiment".Length, CancellationToken.None);
        Assert.NotNull(experiment);
        Assert.StartsWith("class Workbench.Loop.Experiment\n\n", experiment);
        Assert.Contains("Initialize, then per round PredictPool → Select → Label → Train → Evaluate → CompleteRound.", experiment);
        Assert.DoesNotContain("CancellationToken)", experiment);
    }

    [Fact]
    public async Task Without_a_reference_pack_BCL_members_still_complete_and_inspect()
    {
        using var assistant = fixture.RuntimeOnly();
        var (matches, _, _) = await assistant.CompleteAsync(History, "text.Len", "text.Len".Length, CancellationToken.None);
        Assert.Equal(["Length"], matches);
        Assert.Equal("int string.Length", await assistant.InspectAsync(History, "text.Length", "text.Length".Length, CancellationToken.None));
    }
}
