using Workbench.Engine;
using Workbench.Loop;
using Workbench.Metrics;

namespace Workbench.Reports;

/// <summary>
/// A model's predictions for a list of samples next to their true labels, row by row (row i is sample
/// <see cref="Ids"/>[i]). The per-sample view behind a confusion matrix: which samples are wrong, which true class went
/// to which predicted class, and how sure the model was.
/// </summary>
public sealed class SamplePredictions
{
    /// <summary>Wraps predictions for <paramref name="ids"/> whose true labels are <paramref name="truth"/> (same order).</summary>
    /// <exception cref="ArgumentException">The three disagree in length, or a label is outside the classes.</exception>
    public SamplePredictions(IReadOnlyList<int> ids, IReadOnlyList<int> truth, Predictions predictions)
    {
        ArgumentNullException.ThrowIfNull(ids);
        ArgumentNullException.ThrowIfNull(truth);
        ArgumentNullException.ThrowIfNull(predictions);
        if (truth.Count != ids.Count) throw new ArgumentException($"{truth.Count} true labels for {ids.Count} ids", nameof(truth));
        if (predictions.Count != ids.Count) throw new ArgumentException($"{predictions.Count} prediction rows for {ids.Count} ids", nameof(predictions));
        for (int i = 0; i < truth.Count; i++)
            if ((uint)truth[i] >= (uint)predictions.NumClasses)
                throw new ArgumentException($"truth[{i}] = {truth[i]} is outside 0..{predictions.NumClasses - 1}", nameof(truth));
        Ids = ids.ToArray();
        Truth = truth.ToArray();
        Predictions = predictions;
        Predicted = Enumerable.Range(0, predictions.Count).Select(predictions.ArgMax).ToArray();
    }

    /// <summary>Sample ids, one per row.</summary>
    public IReadOnlyList<int> Ids { get; }

    /// <summary>True label per row.</summary>
    public IReadOnlyList<int> Truth { get; }

    /// <summary>Class probabilities per row.</summary>
    public Predictions Predictions { get; }

    /// <summary>Predicted class (argmax) per row.</summary>
    public IReadOnlyList<int> Predicted { get; }

    /// <summary>Number of rows.</summary>
    public int Count => Ids.Count;

    /// <summary>Predicts <paramref name="ids"/> (default: the test part) of <paramref name="data"/> with <paramref name="model"/>; a cancelled <paramref name="cancel"/> stops it within a few batches.</summary>
    public static SamplePredictions Of(Model model, IExperimentData data, IReadOnlyList<int>? ids = null, int batchSize = 64,
        CancellationToken cancel = default)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(data);
        ids ??= data.TestIds;
        var predictions = ids.Count == 0 ? Predictions.Empty(model.NumClasses) : model.Predict(data.Images, ids, batchSize, embeddings: false, cancel);
        return new SamplePredictions(ids, ids.Select(id => data.Labels[id]).ToArray(), predictions);
    }

    /// <summary>Probability of the predicted class in row <paramref name="row"/>.</summary>
    public double Confidence(int row) => Predictions.Max(row);

    /// <summary>Fraction of rows predicted right (0 for no rows).</summary>
    public double Accuracy => Count == 0 ? 0 : (double)Enumerable.Range(0, Count).Count(r => Predicted[r] == Truth[r]) / Count;

    /// <summary>The confusion matrix, [truth, prediction].</summary>
    public ConfusionMatrix Confusion() => ConfusionMatrix.From(Truth, Predicted, Predictions.NumClasses);

    /// <summary>Rows of true class <paramref name="trueClass"/> predicted as <paramref name="predictedClass"/>, most confident first.</summary>
    public IReadOnlyList<int> Rows(int trueClass, int predictedClass)
    {
        CheckClass(trueClass, nameof(trueClass));
        CheckClass(predictedClass, nameof(predictedClass));
        return MostConfidentFirst(r => Truth[r] == trueClass && Predicted[r] == predictedClass);
    }

    /// <summary>Rows predicted wrong, most confident first (the most surprising mistakes lead).</summary>
    public IReadOnlyList<int> WrongRows() => MostConfidentFirst(r => Truth[r] != Predicted[r]);

    private IReadOnlyList<int> MostConfidentFirst(Func<int, bool> keep) =>
        Enumerable.Range(0, Count).Where(keep).OrderByDescending(Confidence).ThenBy(r => r).ToArray();

    private void CheckClass(int c, string name)
    {
        if ((uint)c >= (uint)Predictions.NumClasses)
            throw new ArgumentOutOfRangeException(name, c, $"class must be in 0..{Predictions.NumClasses - 1}");
    }
}
