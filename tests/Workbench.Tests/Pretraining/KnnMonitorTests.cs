using Workbench.Pretraining;

namespace Workbench.Tests.Pretraining;

public class KnnMonitorTests
{
    [Fact]
    public void SeparatedClustersScoreOneAndNeighboursOfAnotherClassScoreZero()
    {
        // Two tight clusters along different axes; each point's neighbours are its own cluster.
        float[] embeddings = [1, 0.01f, 1, 0.02f, 1, 0.03f, 0.01f, 1, 0.02f, 1, 0.03f, 1];
        Assert.Equal(1.0, KnnMonitor.LeaveOneOutAccuracy(embeddings, 2, [0, 0, 0, 1, 1, 1], k: 2));
        // Labels that cut across two-point clusters: every point's nearest neighbour carries the other label.
        float[] pairs = [1, 0.01f, 1, 0.02f, 0.01f, 1, 0.02f, 1];
        Assert.Equal(0.0, KnnMonitor.LeaveOneOutAccuracy(pairs, 2, [0, 1, 0, 1], k: 1));
    }

    [Fact]
    public void AnImageIsNeverItsOwnNeighbour()
    {
        // With itself counted, 1-NN would be perfect; leave-one-out must use the other point, of the other class.
        float[] embeddings = [1, 0, 0, 1];
        Assert.Equal(0.0, KnnMonitor.LeaveOneOutAccuracy(embeddings, 2, [0, 1], k: 1));
    }
}
