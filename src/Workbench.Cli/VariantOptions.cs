using System.CommandLine;
using Workbench.Config;
using Workbench.Engine;
using Workbench.Selection;

namespace Workbench.Cli;

/// <summary>
/// `reproduce`'s overrides of the preset's network, image size and query strategy: a variant of the protocol, with its
/// own run folder and records (<see cref="Tag"/>), whose random controls keep random queries.
/// </summary>
internal sealed class VariantOptions
{
    public Option<string?> Architecture { get; } = new("--arch")
    {
        Description = $"Network instead of the preset's: {string.Join(", ", ArchitectureNames.Names)} (in the file names)",
    };

    public Option<int?> Size { get; } = new("--size") { Description = "Image size in pixels instead of the preset's (in the file names)" };

    public Option<string?> Query { get; } = new("--query")
    {
        Description = $"Query strategy of the AL arms instead of the preset's: {string.Join(", ", SelectionStrategies.QueryNames)}; "
            + "their random controls stay random (in the file names)",
    };

    public Option<string?> InitialSelection { get; } = new("--initial-selection")
    {
        Description = $"How round 0's labelled images are chosen instead of the preset's stratified draw: {string.Join(", ", Loop.InitialSelection.Names)} "
            + "(random: without labels; typiclust: TypiClust's cold start on the starting model's embeddings; in the file names)",
    };

    public void AddTo(Command command)
    {
        command.Options.Add(Architecture);
        command.Options.Add(Size);
        command.Options.Add(Query);
        command.Options.Add(InitialSelection);
    }

    /// <summary>The overrides applied to a preset config; an unknown name or a bad size is a one-line usage error.</summary>
    public Func<ExperimentConfig, ExperimentConfig> Apply(ParseResult result)
    {
        var (architecture, size, query, start) = Parse(result);
        return config => config with
        {
            Architecture = architecture ?? config.Architecture,
            ImageSize = size ?? config.ImageSize,
            ActiveLearning = query ?? config.ActiveLearning,
            InitialSelection = start ?? config.InitialSelection,
        };
    }

    /// <summary>"-48px-cnn4-dropout-bald-typiclust-start" for the overrides given, in that order; "" for none.</summary>
    public string Tag(ParseResult result)
    {
        var (architecture, size, query, start) = Parse(result);
        return string.Concat(new[] { size is null ? null : $"{size}px", architecture, query, start is null ? null : $"{start}-start" }
            .Where(p => p is not null).Select(p => "-" + p));
    }

    private (string? Architecture, int? Size, string? Query, string? Start) Parse(ParseResult result)
    {
        string? architecture = null;
        if (result.GetValue(Architecture) is { } a)
            try { architecture = ArchitectureNames.Parse(a).ToName(); }
            catch (ArgumentException e) { throw new ArgumentException(e.Message.Split(" (Parameter", 2)[0], "--arch", e); }
        int? size = result.GetValue(Size);
        if (size is < 8) throw new ArgumentException($"--size must be >= 8 pixels, got {size}", "--size");
        string? query = result.GetValue(Query) is { } q ? SelectionStrategies.Normalise(q) : null;
        if (query is not null && !SelectionStrategies.IsQueryStrategy(query))
            throw new ArgumentException($"unknown query strategy '{query}'; valid: {string.Join(", ", SelectionStrategies.QueryNames)}", "--query");
        string? start = result.GetValue(InitialSelection) is { } i ? Common.Names.Normalise(i) : null;
        if (start is not null && !Loop.InitialSelection.Names.Contains(start))
            throw new ArgumentException($"unknown initial selection '{start}'; valid: {string.Join(", ", Loop.InitialSelection.Names)}", "--initial-selection");
        // The preset's own draw is not a variant: no tag, the preset's folders.
        return (architecture, size, query, start == Loop.InitialSelection.Stratified ? null : start);
    }
}
