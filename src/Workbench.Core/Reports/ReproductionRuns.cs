using Workbench.Reproductions;
using Workbench.Loop;
using Workbench.Config;
using Workbench.Runs;

namespace Workbench.Reports;

/// <summary>
/// Reads the run folders a reproduction (or any batch of runs) left on disk, so that a notebook can report on them
/// without training again: every folder with a config.json, at any depth, becomes a <see cref="ReproductionRun"/> with
/// its stored strategy, split, seed and finished rounds.
/// </summary>
public static class ReproductionRuns
{
    /// <summary>
    /// The runs under <paramref name="directory"/> with at least one finished round, ordered by split (paper, grouped,
    /// then by name), strategy (in <see cref="Recipes.Names"/> order, a random-query control after its arm) and seed, each
    /// with its AL strategy and initialisation, so random-query controls keep their own arm. Empty when the folder does not exist.
    /// </summary>
    public static IReadOnlyList<ReproductionRun> Load(string directory)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(directory);
        if (!Directory.Exists(directory)) return [];
        var runs = new List<ReproductionRun>();
        foreach (string folder in Directory.EnumerateDirectories(directory, "*", SearchOption.AllDirectories).Prepend(directory))
        {
            if (!RunStore.IsRun(folder)) continue;
            var store = RunStore.OpenExisting(folder);
            var rounds = store.ReadRounds();
            if (rounds.Count == 0) continue;
            runs.Add(ReproductionRun.Of(store.Config, store.Directory, rounds, rounds.Sum(r => r.Seconds.Total)));
        }
        return runs.OrderBy(r => SplitRank(r.Split)).ThenBy(r => r.Split, StringComparer.Ordinal)
            .ThenBy(r => StrategyRank(r.Recipe)).ThenBy(r => r.Arm, StringComparer.Ordinal).ThenBy(r => r.Seed).ToArray();
    }

    /// <summary>True when <paramref name="directory"/> holds at least one run with a finished round.</summary>
    public static bool Exist(string directory) => Load(directory).Count > 0;

    /// <summary>The samples <paramref name="run"/> added in <paramref name="round"/> (from its added/&lt;round&gt;.csv).</summary>
    public static IReadOnlyList<AddedSample> Added(ReproductionRun run, int round)
    {
        ArgumentNullException.ThrowIfNull(run);
        return RunStore.OpenExisting(run.Directory).ReadAdded(round);
    }

    /// <summary>The stored config of <paramref name="run"/>.</summary>
    public static ExperimentConfig Config(ReproductionRun run)
    {
        ArgumentNullException.ThrowIfNull(run);
        return RunStore.OpenExisting(run.Directory).Config;
    }

    private static int SplitRank(string split) => split switch { "paper" => 0, "grouped" => 1, _ => 2 };

    private static int StrategyRank(string strategy)
    {
        int index = Recipes.Names.ToList().IndexOf(strategy);
        return index < 0 ? int.MaxValue : index;
    }
}
