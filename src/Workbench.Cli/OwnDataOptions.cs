using Workbench.Config;
using Workbench.Data;

namespace Workbench.Cli;

/// <summary>`run --dataset folder:/path --oracle human`: applies a user's own images and the oracle choice to a preset.</summary>
internal static class OwnDataOptions
{
    /// <summary>
    /// The config with the own data set (canonical "folder:/abs/path"), its default split unless one is given, and the oracle:
    /// as asked, else a person when the data has unlabelled images and the recipe asks questions.
    /// </summary>
    public static ExperimentConfig Apply(ExperimentConfig config, string? dataset, string? split, string? oracle)
    {
        if (dataset is not null)
        {
            if (!OwnData.IsOwnDataName(dataset) && !Directory.Exists(dataset) && !File.Exists(dataset))
                config = config with { DataSet = dataset };
            else
            {
                var set = OwnData.Load(dataset);
                config = config with { DataSet = set.Name, Split = split ?? OwnDataSplits.DefaultSplit(set).Value };
                var recipe = config.ParsedRecipe();
                if (oracle is null && set.UnlabelledCount > 0 && (recipe.UsesActiveLearning() || recipe.UsesCst()))
                    config = config with { Oracle = OracleKind.Human };
            }
        }
        return oracle switch
        {
            null => config,
            "simulated" => config with { Oracle = OracleKind.Simulated },
            "human" => config with { Oracle = OracleKind.Human },
            _ => throw new ArgumentException($"--oracle must be simulated or human, not '{oracle}'", "--oracle"),
        };
    }
}
