using Workbench.Engine;

namespace Workbench.Tests.Scoring;

/// <summary>Hand-made prediction matrices for the scoring and selection tests.</summary>
internal static class TestPredictions
{
    /// <summary>Predictions from probability rows, without embeddings.</summary>
    public static Predictions Of(params float[][] rows) => Predictions.FromRows(rows);

    /// <summary>Predictions from (probabilities, embedding) rows.</summary>
    public static Predictions WithEmbeddings(IReadOnlyList<float[]> probabilities, IReadOnlyList<float[]> embeddings) =>
        Predictions.FromRows(probabilities, embeddings);

    /// <summary>A two-class row whose margin is |2p - 1|.</summary>
    public static float[] Binary(float p) => [p, 1f - p];

    /// <summary>Global ids 100, 101, ... for a pool of <paramref name="count"/> candidates.</summary>
    public static int[] Ids(int count, int first = 100) => Enumerable.Range(first, count).ToArray();
}
