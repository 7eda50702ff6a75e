using Workbench.Engine;

namespace Workbench.Tests.Pretraining;

public class NtXentTests
{
    /// <summary>The fixed input of nt_xent_reference.py, built by the same formulas.</summary>
    private static (float[] Z1, float[] Z2) Inputs(int n, int dim)
    {
        var z1 = new float[n * dim];
        var z2 = new float[n * dim];
        for (int i = 0; i < n; i++)
            for (int d = 0; d < dim; d++)
            {
                z1[i * dim + d] = (float)Math.Sin(1.0 + 0.7 * i + 0.3 * d);
                z2[i * dim + d] = (float)Math.Cos(0.5 + 0.4 * i - 0.9 * d);
            }
        return (z1, z2);
    }

    // Computed once with /usr/bin/python3 (PyTorch 1.13, float64) by nt_xent_reference.py beside this file.
    [Theory]
    [InlineData(4, 3, 0.5, 2.381705551)]
    [InlineData(4, 3, 0.1, 5.174248994)]
    [InlineData(6, 5, 0.2, 5.330310558)]
    public void EngineLossMatchesPyTorchReference(int n, int dim, double temperature, double expected)
    {
        var (z1, z2) = Inputs(n, dim);
        float loss = ContrastiveStepper.NtXent(z1, z2, n, dim, temperature);
        Assert.Equal(expected, loss, 1e-5 * expected);
    }

    [Fact]
    public void SwappingTheSidesKeepsTheLossAndPerfectPairsLowerIt()
    {
        var (z1, z2) = Inputs(4, 3);
        Assert.Equal(ContrastiveStepper.NtXent(z1, z2, 4, 3, 0.5), ContrastiveStepper.NtXent(z2, z1, 4, 3, 0.5), 1e-6);
        // Each view identical to its partner is the best any view can do against these negatives.
        Assert.True(ContrastiveStepper.NtXent(z1, z1, 4, 3, 0.5) < ContrastiveStepper.NtXent(z1, z2, 4, 3, 0.5));
    }

    [Fact]
    public void BadArgumentsAreErrorsNotCrashes()
    {
        var (z1, z2) = Inputs(4, 3);
        Assert.Throws<EngineException>(() => ContrastiveStepper.NtXent(z1, z2, 4, 3, 0));
        Assert.Throws<ArgumentException>(() => ContrastiveStepper.NtXent(z1, z2, 4, 4, 0.5));
    }
}
