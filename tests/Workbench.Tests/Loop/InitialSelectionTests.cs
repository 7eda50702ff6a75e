using Workbench.Config;
using Workbench.Engine;
using Workbench.Loop;
using Workbench.Reproductions;
using Workbench.Runs;

namespace Workbench.Tests.Loop;

public class InitialSelectionTests
{
    private const int Clusters = 8, PerCluster = 6;

    /// <summary>
    /// Train id i sits in cluster i % 8 (centres 10 apart): the first id of each cluster at the centre, the other five on a
    /// ring of radius 1 around it, so the centre is its cluster's most typical point.
    /// </summary>
    private static Predictions Embeddings(IReadOnlyList<int> ids)
    {
        var probabilities = new float[ids.Count * 4];
        var embeddings = new float[ids.Count * 2];
        for (int row = 0; row < ids.Count; row++)
        {
            int id = ids[row], cluster = id % Clusters, member = id / Clusters;
            probabilities.AsSpan(row * 4, 4).Fill(0.25f);
            double angle = 2 * Math.PI * member / (PerCluster - 1);
            embeddings[row * 2] = 10f * cluster + (member == 0 ? 0 : (float)Math.Cos(angle));
            embeddings[row * 2 + 1] = member == 0 ? 0 : (float)Math.Sin(angle);
        }
        return new Predictions(probabilities, embeddings, ids.Count, 4, 2);
    }

    private static ExperimentConfig Config(string selection) =>
        SyntheticProblem.Config("baseline") with { InitialSelection = selection };

    [Fact]
    public void TypiClustTakesTheCentreOfEveryClusterAsManyAsTheStratifiedDrawAndOnlyWhereTheEmbeddingsAre()
    {
        using var data = SyntheticProblem.Create(trainCount: Clusters * PerCluster, testCount: 8, seed: 2);
        var stratified = ModelInitialiser.InitialLabels(Config("stratified"), data);
        Assert.Equal(Clusters, stratified.Count);  // 2 per class, 4 classes
        var typical = InitialSelection.Choose(Config("typiclust"), data, Embeddings);
        Assert.Equal(Enumerable.Range(0, Clusters), typical);
        // A process without the embeddings (not rank 0) gets nothing and waits for rank 0's choice.
        Assert.Null(InitialSelection.Choose(Config("typiclust"), data, _ => null));
    }

    [Fact]
    public void RandomIgnoresTheLabelsButKeepsTheCountAndTheSeedAndStratifiedIsTodaysDraw()
    {
        using var data = SyntheticProblem.Create(trainCount: 200, testCount: 8, seed: 2);
        Predictions Unused(IReadOnlyList<int> _) => throw new InvalidOperationException("no embeddings needed");
        var stratified = InitialSelection.Choose(Config("stratified"), data, Unused)!;
        Assert.Equal(ModelInitialiser.InitialLabels(Config("stratified"), data), stratified);
        var random = InitialSelection.Choose(Config("random"), data, Unused)!;
        Assert.Equal(stratified.Count, random.Count);
        Assert.NotEqual(stratified, random);
        Assert.Equal(random, InitialSelection.Choose(Config("random"), data, Unused));
        Assert.NotEqual(random, InitialSelection.Choose(Config("random") with { Seed = 4 }, data, Unused));
        Assert.Equal(random.Order(), random);
        Assert.All(random, id => Assert.Contains(id, data.TrainIds));
    }

    [Fact]
    public void AnExperimentStartsFromTheTypicalImagesOfItsStartingModelAndTheConfigRefusesAScratchStart()
    {
        using var data = SyntheticProblem.Create(trainCount: 64, testCount: 16, seed: 5);
        using var folder = new TempFolder();
        var weights = Path.Combine(folder.Path, "start.pt");
        using (var start = Model.Create(Architecture.SmallCnn, 4, seed: 9)) start.Save(weights);
        var config = Config("typiclust") with { Initialisation = InitialisationKind.Checkpoint, InitialisationPath = weights };
        var refused = Assert.Single(Config("typiclust").Problems(), p => p.Field == "initialSelection");
        Assert.Contains("start pretrained or from a file", refused.Message);
        Assert.Contains((Config("nope")).Problems(), p => p.Field == "initialSelection");

        using var experiment = new Experiment(config, data, RunStore.Open(Path.Combine(folder.Path, "run"), config));
        var labels = experiment.Initialize();
        using var model = Model.Create(Architecture.SmallCnn, 4, seed: 9);
        model.Load(weights);
        var expected = InitialSelection.Choose(config, data, ids => model.Predict(data.Images, ids, 64, embeddings: true))!;
        Assert.Equal(expected, labels.Added.Select(a => a.Id).Order());
        Assert.NotEqual(ModelInitialiser.InitialLabels(config, data), expected);
        Assert.EndsWith("-typiclust-start", RunFolderName.For(config, false, Precision.Fp32));
        Assert.DoesNotContain("start", RunFolderName.For(Config("stratified"), false, Precision.Fp32).Split('-').Last());
    }
}
