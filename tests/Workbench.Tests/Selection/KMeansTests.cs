namespace Workbench.Tests.Selection;

using Workbench.Selection;

public class KMeansTests
{
    internal static readonly float[][] BlobCentres = [[0f, 0f], [10f, 0f], [0f, 10f]];

    /// <summary>Points of blob b lie at positions b*perBlob .. (b+1)*perBlob-1, jittered by at most 0.5.</summary>
    internal static float[] Blobs(int perBlob, int seed = 1)
    {
        var random = new Random(seed);
        var data = new List<float>();
        foreach (var centre in BlobCentres)
            for (int i = 0; i < perBlob; i++)
                data.AddRange(centre.Select(v => v + (float)(random.NextDouble() - 0.5)));
        return data.ToArray();
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(42)]
    public void RecoversWellSeparatedBlobs(int seed)
    {
        const int perBlob = 20;
        var result = new KMeans(3).Fit(Blobs(perBlob), 3 * perBlob, 2, seed);

        var clusterOfBlob = new int[3];
        for (int b = 0; b < 3; b++)
        {
            var assigned = result.Assignments.Skip(b * perBlob).Take(perBlob).Distinct().ToArray();
            Assert.Single(assigned); // a blob is never split
            clusterOfBlob[b] = assigned[0];
            var centroid = result.Centroid(assigned[0]);
            Assert.InRange(centroid[0], BlobCentres[b][0] - 0.5f, BlobCentres[b][0] + 0.5f);
            Assert.InRange(centroid[1], BlobCentres[b][1] - 0.5f, BlobCentres[b][1] + 0.5f);
        }
        Assert.Equal(3, clusterOfBlob.Distinct().Count()); // and no two blobs share a cluster
        Assert.True(result.Converged);
        Assert.Equal(new[] { perBlob, perBlob, perBlob }, result.ClusterSizes());
    }

    [Fact]
    public void SameSeedGivesSameClustering()
    {
        var data = Blobs(30, seed: 5);
        var a = new KMeans(7).Fit(data, 90, 2, seed: 3);
        var b = new KMeans(7).Fit(data, 90, 2, seed: 3);
        Assert.Equal(a.Assignments, b.Assignments);
        Assert.Equal(a.Centroids, b.Centroids);
    }

    [Fact]
    public void OnePointPerClusterHasZeroInertia()
    {
        float[] data = [0f, 0f, 5f, 5f, -3f, 2f];
        var result = new KMeans(3).Fit(data, 3, 2, seed: 0);
        Assert.Equal(0.0, result.Inertia, 6);
        Assert.Equal(3, result.Assignments.Distinct().Count());
    }

    [Fact]
    public void DuplicatePointsDoNotBreakTheFit()
    {
        float[] data = [1f, 1f, 1f, 1f, 1f, 1f, 1f, 1f]; // four identical 2-D points
        var result = new KMeans(3).Fit(data, 4, 2, seed: 0);
        Assert.Equal(4, result.ClusterSizes().Sum());
        Assert.Equal(0.0, result.Inertia, 6);
    }

    [Fact]
    public void MoreClustersThanPointsIsAnError()
    {
        var e = Assert.Throws<ArgumentException>(() => new KMeans(5).Fit([0f, 1f], 2, 1, 0));
        Assert.Equal("count", e.ParamName);
    }

    [Fact]
    public void SizeMismatchIsAnError()
    {
        var e = Assert.Throws<ArgumentException>(() => new KMeans(1).Fit([0f, 1f, 2f], 2, 2, 0));
        Assert.Equal("data", e.ParamName);
    }

    [Fact]
    public void ParametersAreValidated()
    {
        Assert.Equal("clusterCount", Assert.Throws<ArgumentOutOfRangeException>(() => new KMeans(0)).ParamName);
        Assert.Equal("maxIterations", Assert.Throws<ArgumentOutOfRangeException>(() => new KMeans(2, 0)).ParamName);
    }
}
