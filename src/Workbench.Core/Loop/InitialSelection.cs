using Workbench.Config;
using Workbench.Engine;
using Workbench.Selection;

namespace Workbench.Loop;

/// <summary>
/// How round 0's labelled images are chosen (<see cref="ExperimentConfig.InitialSelection"/>), always as many as the
/// stratified draw of the config's fraction or count per class gives:
/// <list type="bullet">
/// <item>stratified: a seeded random draw per class (the papers' protocol; it needs the labels to stratify, which a
/// person starting a data set does not have);</item>
/// <item>random: a seeded random draw from the whole training part, without looking at labels (the label-free control);</item>
/// <item>typiclust: TypiClust's cold start (Hacohen et al. 2022): k-means over the starting model's embeddings of the
/// training part, the most typical image of each cluster, largest clusters first (<see cref="TypiClustSelection"/> with
/// nothing labelled); the embeddings must mean something, so the run must start pretrained or from a file.</item>
/// </list>
/// </summary>
public static class InitialSelection
{
    public const string Stratified = "stratified";
    public const string Random = "random";
    public const string TypiClust = "typiclust";

    /// <summary>Every name the config's initialSelection takes.</summary>
    public static IReadOnlyList<string> Names { get; } = [Stratified, Random, TypiClust];

    /// <summary>True when the selection reads the starting model's embeddings.</summary>
    public static bool NeedsEmbeddings(string name) => Common.Names.Normalise(name) == TypiClust;

    /// <summary>
    /// The initially labelled ids, ascending. <paramref name="embed"/> gives the starting model's predictions (with
    /// embeddings) of the ids it is given on the process that decides, null on the others; it is called on every process
    /// when the selection needs embeddings (it may be a collective), and then the others get null here.
    /// </summary>
    public static IReadOnlyList<int>? Choose(ExperimentConfig config, IExperimentData data, Func<IReadOnlyList<int>, Predictions?> embed)
    {
        ArgumentNullException.ThrowIfNull(config);
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(embed);
        if (data.GivenLabelledIds is not null) return [];  // a user's own labels are the start (ModelInitialiser.StartingSets)
        var stratified = ModelInitialiser.InitialLabels(config, data);
        int seed = RoundSeeds.For(config.Seed, 0, SeedPurpose.InitialLabels);
        switch (Common.Names.Normalise(config.InitialSelection))
        {
            case Stratified:
                return stratified;
            case Random:
                return [.. data.TrainIds.ToArray().Shuffled(seed).Take(stratified.Count).Order()];
            case TypiClust:
                if (embed(data.TrainIds) is not { } predictions) return null;
                var picked = new TypiClustSelection(budget: stratified.Count).Select(new SelectionContext(predictions, data.TrainIds, seed));
                return [.. picked.Ids.Order()];
            default:
                throw new ArgumentException($"unknown initial selection '{config.InitialSelection}'; valid: {string.Join(", ", Names)}", nameof(config));
        }
    }

    private static IEnumerable<int> Shuffled(this int[] ids, int seed)
    {
        new System.Random(seed).Shuffle(ids);
        return ids;
    }
}
