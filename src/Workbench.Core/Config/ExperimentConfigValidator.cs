using Workbench.Selection;
using System.Globalization;
using System.Text.Json;
using Workbench.Engine;
using Workbench.Scoring;

namespace Workbench.Config;

/// <summary>Checks an <see cref="ExperimentConfig"/>; every problem names its field as written in config.json.</summary>
internal static class ExperimentConfigValidator
{
    public static IReadOnlyList<ConfigProblem> Check(ExperimentConfig c)
    {
        var problems = new List<ConfigProblem>();
        void Add(string field, string message) => problems.Add(new ConfigProblem(field, message));
        string Show(double value) => value.ToString("R", CultureInfo.InvariantCulture);

        if (string.IsNullOrWhiteSpace(c.DataSet)) Add("dataSet", "must name a data set");
        if (string.IsNullOrWhiteSpace(c.Split)) Add("split", "must name a split (e.g. paper, grouped, provided)");
        if (c.ImageSize < 8) Add("imageSize", $"must be >= 8 pixels, got {c.ImageSize}");
        if (Workbench.Data.NucleusCrop.Problem(c.CropPixels) is { } crop) Add("cropPixels", crop);
        if (c.Consistency is null) Add("consistency", "must be given (the defaults: {})");
        else
            try { c.Consistency.Validate(); }
            catch (ArgumentOutOfRangeException e)
            {
                Add("consistency." + JsonNamingPolicy.CamelCase.ConvertName(e.ParamName ?? ""), e.Message.Split(" (Parameter", 2)[0]);
            }
        Architecture? architecture = null;
        try { architecture = ArchitectureNames.Parse(c.Architecture ?? ""); }
        catch (ArgumentException) { Add("architecture", ArchitectureNames.Unknown(c.Architecture)); }

        if (!Enum.IsDefined(c.Initialisation)) Add("initialisation", $"unknown initialisation {c.Initialisation}");
        else if (c.Initialisation == InitialisationKind.Scratch && c.InitialisationPath is not null)
            Add("initialisationPath", "must be null when initialisation is scratch");
        else if (c.Initialisation != InitialisationKind.Scratch && string.IsNullOrWhiteSpace(c.InitialisationPath))
            Add("initialisationPath", $"is required when initialisation is {c.Initialisation.ToString().ToLowerInvariant()}");

        if (c.InitialFraction is null == c.InitialPerClass is null)
            Add("initialFraction", "give exactly one of initialFraction and initialPerClass");
        if (c.InitialFraction is double fraction && !(fraction > 0 && fraction <= 1))
            Add("initialFraction", $"must be in (0, 1], got {Show(fraction)}");
        if (c.InitialPerClass is < 1) Add("initialPerClass", $"must be >= 1, got {c.InitialPerClass}");
        if (!Loop.InitialSelection.Names.Contains(Workbench.Common.Names.Normalise(c.InitialSelection ?? "")))
            Add("initialSelection", $"unknown initial selection '{c.InitialSelection}'; valid: {string.Join(", ", Loop.InitialSelection.Names)}");
        else if (Loop.InitialSelection.NeedsEmbeddings(c.InitialSelection ?? "") && c.Initialisation == InitialisationKind.Scratch)
            Add("initialSelection", $"'{c.InitialSelection}' clusters the starting model's embeddings, which mean nothing from scratch: start pretrained or from a file");

        if (!Recipes.TryParse(c.Recipe, out _))
            Add("recipe", $"unknown recipe '{c.Recipe}'; valid recipes: {string.Join(", ", Recipes.Names)}");
        if (!(c.PseudoLabelThreshold > 0 && c.PseudoLabelThreshold <= 1))
            Add("pseudoLabelThreshold", $"must be in (0, 1], got {Show(c.PseudoLabelThreshold)}");
        if (!SelectionStrategies.IsQueryStrategy(c.ActiveLearning))
            Add("activeLearning", SelectionStrategies.Find(c.ActiveLearning ?? "") is { IsQuery: false } proposer
                ? $"'{proposer.Name}' proposes labels, it does not query the oracle; valid: {string.Join(", ", SelectionStrategies.QueryNames)}"
                : $"unknown active-learning strategy '{c.ActiveLearning}'; valid: {string.Join(", ", SelectionStrategies.QueryNames)}");
        else if (architecture is { } built && !built.HasHeadDropout() && Recipes.TryParse(c.Recipe, out var recipe) && recipe.UsesActiveLearning()
                 && SelectionStrategies.Create(c.ActiveLearning!, new StrategySettings(Budget: Math.Max(c.Budget, 1))).SamplesDropout)
            Add("activeLearning", $"'{c.ActiveLearning}' samples MC-dropout, which needs an architecture with dropout before its classifier "
                + $"(cnn4-dropout, senet8), not {built.ToName()}");
        if (c.Budget < 1) Add("budget", $"must be >= 1, got {c.Budget}");
        if (!(c.MarginThreshold > 0 && c.MarginThreshold <= 1))
            Add("marginThreshold", $"must be in (0, 1], got {Show(c.MarginThreshold)}");
        if (c.ValidationPerClass is < 1) Add("validationPerClass", $"must be >= 1 or null, got {c.ValidationPerClass}");
        if (c.ValidationGate is { } gate && !(gate > 0 && gate <= 1)) Add("validationGate", $"must be in (0, 1] or null, got {Show(gate)}");
        if (c.ValidationGate is not null && c.ValidationPerClass is null) Add("validationGate", "needs a validation set (validationPerClass)");
        if (c.StopWhenKappa is { } stopKappa && !(stopKappa >= -1 && stopKappa <= 1))
            Add("stopWhenKappa", $"must be a kappa in [-1, 1] or null, got {Show(stopKappa)}");
        if (c.StopKappaWindow < 1) Add("stopKappaWindow", $"must be >= 1 round, got {c.StopKappaWindow}");
        if (c.StopSetSize < 1) Add("stopSetSize", $"must be >= 1 image, got {c.StopSetSize}");
        if (c.MarginCap is < 1) Add("marginCap", $"must be >= 1 or null, got {c.MarginCap}");
        if (c.QueryScorer is null || !Scorers.Names.Contains(Workbench.Common.Names.Normalise(c.QueryScorer)))
            Add("topKScorer", $"unknown scorer '{c.QueryScorer}'; valid: {string.Join(", ", Scorers.Names)}");
        if (!(c.CstRejectRate >= 0 && c.CstRejectRate < 1))
            Add("cstRejectRate", $"must be in [0, 1), got {Show(c.CstRejectRate)}");

        if (c.Rounds < 0) Add("rounds", $"must be >= 0, got {c.Rounds}");
        if (c.PoolPerRound is < 1) Add("poolPerRound", $"must be >= 1 or null, got {c.PoolPerRound}");
        if (c.ClassCap is < 1) Add("classCap", $"must be >= 1 or null, got {c.ClassCap}");
        if (!Enum.IsDefined(c.Schedule)) Add("schedule", $"unknown learning-rate schedule {c.Schedule}");
        if (!Enum.IsDefined(c.Retrain)) Add("retrain", $"unknown retrain mode {c.Retrain}");

        if (c.Epochs < 1) Add("epochs", $"must be >= 1, got {c.Epochs}");
        if (c.MaxSteps is < 1) Add("maxSteps", $"must be >= 1 or null, got {c.MaxSteps}");
        if (c.MinSteps is < 1) Add("minSteps", $"must be >= 1 or null, got {c.MinSteps}");
        if (c.BatchSize < 2) Add("batchSize", $"must be >= 2 (batch norm), got {c.BatchSize}");
        if (!(c.LearningRate > 0 && double.IsFinite(c.LearningRate))) Add("learningRate", $"must be > 0, got {Show(c.LearningRate)}");
        if (c.FineTuneLearningRate is double fineTune && !(fineTune > 0 && double.IsFinite(fineTune)))
            Add("fineTuneLearningRate", $"must be > 0 or null, got {Show(fineTune)}");
        if (!(c.Momentum >= 0 && c.Momentum < 1)) Add("momentum", $"must be in [0, 1), got {Show(c.Momentum)}");
        if (!(c.WeightDecay >= 0 && double.IsFinite(c.WeightDecay))) Add("weightDecay", $"must be >= 0, got {Show(c.WeightDecay)}");
        if ((c.Augmentation & ~Augmentation.Known) != 0) Add("augmentation", $"unknown augmentation flags {(int)c.Augmentation}");
        if (c.EvalBatchSize < 1) Add("evalBatchSize", $"must be >= 1, got {c.EvalBatchSize}");
        if (string.IsNullOrWhiteSpace(c.Device)) Add("device", "must name a device (cpu, cuda, cuda:N)");
        return problems;
    }
}
