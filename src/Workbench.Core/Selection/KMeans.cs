using System.Numerics.Tensors;

namespace Workbench.Selection;

/// <summary>
/// Deterministic k-means: k-means++ initialisation drawn with <c>new Random(seed)</c>, then Lloyd
/// iterations until no assignment changes or <see cref="MaxIterations"/> is reached.
/// </summary>
/// <remarks>
/// Ties (equal distances) go to the lower cluster index. A cluster left empty by an update is re-seeded at the
/// point farthest from its own centroid (ties: lower point index; each point re-seeds at most one cluster per
/// iteration). A cluster can therefore only end empty when the data has fewer distinct points than k.
/// The assignment step runs in parallel over points, which does not change the result: each point is
/// computed independently and all reductions are sequential.
/// </remarks>
public sealed class KMeans
{
    /// <param name="clusterCount">Number of clusters k, >= 1.</param>
    /// <param name="maxIterations">Most Lloyd iterations, >= 1.</param>
    public KMeans(int clusterCount, int maxIterations = 50)
    {
        ClusterCount = SelectionRanking.CheckPositive(clusterCount, nameof(clusterCount));
        MaxIterations = SelectionRanking.CheckPositive(maxIterations, nameof(maxIterations));
    }

    /// <summary>Number of clusters k.</summary>
    public int ClusterCount { get; }

    /// <summary>Most Lloyd iterations.</summary>
    public int MaxIterations { get; }

    /// <summary>Clusters <paramref name="count"/> points of width <paramref name="dim"/> stored row-major in <paramref name="data"/>.</summary>
    /// <exception cref="ArgumentException">Sizes disagree, a value is not finite, or there are fewer points than clusters.</exception>
    public KMeansResult Fit(float[] data, int count, int dim, int seed)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentOutOfRangeException.ThrowIfLessThan(dim, 1);
        if ((long)count * dim != data.Length)
            throw new ArgumentException($"data has {data.Length} values but count x dim = {count} x {dim}.", nameof(data));
        if (count < ClusterCount)
            throw new ArgumentException($"Cannot form {ClusterCount} clusters from {count} points.", nameof(count));
        if (!float.IsFinite(TensorPrimitives.Sum(data)))
            throw new ArgumentException("data holds a non-finite value.", nameof(data));

        int k = ClusterCount;
        var squaredNorms = new float[count];
        for (int i = 0; i < count; i++)
        {
            var x = data.AsSpan(i * dim, dim);
            squaredNorms[i] = TensorPrimitives.Dot(x, x);
        }

        var centroids = InitialiseCentroids(data, count, dim, k, seed);
        var assignments = new int[count];
        var squaredDistances = new float[count];
        Assign(data, squaredNorms, dim, centroids, k, assignments, squaredDistances);

        int iterations = 0;
        bool converged = false;
        var previous = new int[count];
        while (iterations < MaxIterations)
        {
            bool reseeded = UpdateCentroids(data, dim, k, centroids, assignments, squaredDistances);
            iterations++;
            assignments.CopyTo(previous, 0);
            Assign(data, squaredNorms, dim, centroids, k, assignments, squaredDistances);
            if (!reseeded && assignments.AsSpan().SequenceEqual(previous))
            {
                converged = true;
                break;
            }
        }

        double inertia = 0;
        foreach (float d in squaredDistances) inertia += d;
        return new KMeansResult(centroids, assignments, k, dim, iterations, converged, inertia);
    }

    // k-means++: each next centre is drawn with probability proportional to the squared distance to the
    // nearest centre chosen so far.
    private static float[] InitialiseCentroids(float[] data, int count, int dim, int k, int seed)
    {
        var random = new Random(seed);
        var centroids = new float[k * dim];
        var chosen = new bool[count];
        var nearest = new double[count];
        Array.Fill(nearest, double.PositiveInfinity);

        int next = random.Next(count);
        for (int c = 0; c < k; c++)
        {
            chosen[next] = true;
            var centre = data.AsSpan(next * dim, dim);
            centre.CopyTo(centroids.AsSpan(c * dim, dim));
            if (c == k - 1) break;

            int picked = next;
            Parallel.For(0, count, i =>
            {
                var x = data.AsSpan(i * dim, dim);
                var centreRow = data.AsSpan(picked * dim, dim);
                double d = TensorPrimitives.Distance(x, centreRow);
                nearest[i] = Math.Min(nearest[i], d * d);
            });

            double total = 0;
            for (int i = 0; i < count; i++) total += nearest[i];
            next = total > 0 ? Draw(nearest, total, random) : FirstUnchosen(chosen);
        }
        return centroids;
    }

    /// <summary>An index drawn with probability proportional to its (non-negative) weight; <paramref name="total"/> &gt; 0 is their sum.</summary>
    internal static int Draw(double[] weights, double total, Random random)
    {
        double target = random.NextDouble() * total;
        double cumulative = 0;
        int lastPositive = -1;
        for (int i = 0; i < weights.Length; i++)
        {
            if (weights[i] <= 0) continue;
            cumulative += weights[i];
            lastPositive = i;
            if (cumulative > target) return i;
        }
        return lastPositive; // rounding left target at the very end
    }

    // Every remaining point coincides with a centre: any unchosen point is as good, take the first.
    private static int FirstUnchosen(bool[] chosen) => Array.IndexOf(chosen, false);

    private static void Assign(
        float[] data, float[] squaredNorms, int dim, float[] centroids, int k, int[] assignments, float[] squaredDistances)
    {
        var centroidNorms = new float[k];
        for (int c = 0; c < k; c++)
        {
            var centre = centroids.AsSpan(c * dim, dim);
            centroidNorms[c] = TensorPrimitives.Dot(centre, centre);
        }

        Parallel.For(0, assignments.Length, i =>
        {
            var x = data.AsSpan(i * dim, dim);
            int best = 0;
            float bestDistance = float.PositiveInfinity;
            for (int c = 0; c < k; c++)
            {
                // |x - c|^2 = |x|^2 + |c|^2 - 2 x.c : one dot product per pair instead of a difference vector.
                float d = squaredNorms[i] + centroidNorms[c] - 2f * TensorPrimitives.Dot(x, centroids.AsSpan(c * dim, dim));
                if (d < bestDistance) { bestDistance = d; best = c; }
            }
            assignments[i] = best;
            squaredDistances[i] = Math.Max(0f, bestDistance);
        });
    }

    /// <summary>Moves each centroid to the mean of its points; returns true when an empty cluster was re-seeded.</summary>
    private static bool UpdateCentroids(float[] data, int dim, int k, float[] centroids, int[] assignments, float[] squaredDistances)
    {
        var sums = new float[k * dim];
        var sizes = new int[k];
        for (int i = 0; i < assignments.Length; i++)
        {
            int c = assignments[i];
            var sum = sums.AsSpan(c * dim, dim);
            TensorPrimitives.Add(sum, data.AsSpan(i * dim, dim), sum);
            sizes[c]++;
        }

        bool reseeded = false;
        var usedForReseed = new bool[assignments.Length];
        for (int c = 0; c < k; c++)
        {
            var centre = centroids.AsSpan(c * dim, dim);
            if (sizes[c] > 0)
            {
                TensorPrimitives.Divide(sums.AsSpan(c * dim, dim), sizes[c], centre);
                continue;
            }
            int farthest = -1;
            for (int i = 0; i < assignments.Length; i++)
                if (!usedForReseed[i] && (farthest < 0 || squaredDistances[i] > squaredDistances[farthest]))
                    farthest = i;
            if (farthest < 0 || squaredDistances[farthest] <= 0) continue; // nothing left to pull: stays empty
            usedForReseed[farthest] = true;
            data.AsSpan(farthest * dim, dim).CopyTo(centre);
            reseeded = true;
        }
        return reseeded;
    }
}
