namespace Workbench.Selection;

/// <summary>
/// A fitted k-means clustering: row-major [ClusterCount, Dim] centroids, the cluster of every point
/// (nearest centroid, ties to the lower cluster index), and how the fit went.
/// </summary>
/// <param name="Centroids">Row-major [ClusterCount, Dim] cluster centres.</param>
/// <param name="Assignments">Cluster index of each input point.</param>
/// <param name="ClusterCount">Number of clusters k.</param>
/// <param name="Dim">Width of a point.</param>
/// <param name="Iterations">Lloyd iterations run.</param>
/// <param name="Converged">True when an iteration changed no assignment before the iteration limit.</param>
/// <param name="Inertia">Sum of squared distances of the points to their centroids.</param>
public sealed record KMeansResult(
    float[] Centroids, int[] Assignments, int ClusterCount, int Dim, int Iterations, bool Converged, double Inertia)
{
    /// <summary>Centre of cluster <paramref name="cluster"/>.</summary>
    public ReadOnlySpan<float> Centroid(int cluster)
    {
        if ((uint)cluster >= (uint)ClusterCount)
            throw new ArgumentOutOfRangeException(nameof(cluster), $"Cluster {cluster} is outside [0, {ClusterCount}).");
        return Centroids.AsSpan(cluster * Dim, Dim);
    }

    /// <summary>Number of points in each cluster (0 for a cluster that stayed empty).</summary>
    public int[] ClusterSizes()
    {
        var sizes = new int[ClusterCount];
        foreach (int cluster in Assignments) sizes[cluster]++;
        return sizes;
    }
}
