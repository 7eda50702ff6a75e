using Workbench.Metrics;

namespace Workbench.Tests.Metrics;

public class CohensKappaTests
{
    [Fact]
    public void KappaIsTheChanceCorrectedAgreement()
    {
        // 7 of 10 agree (p_o = 0.7); both give classes 0/1/2 4/3/3 times, so p_e = 0.16 + 0.09 + 0.09 = 0.34;
        // kappa = (0.7 - 0.34) / (1 - 0.34) = 0.36 / 0.66 = 6/11.
        int[] a = [0, 0, 0, 0, 1, 1, 1, 2, 2, 2];
        int[] b = [0, 0, 0, 1, 1, 1, 2, 2, 2, 0];
        Assert.Equal(6.0 / 11, CohensKappa.Of(a, b), 12);
        Assert.Equal(6.0 / 11, CohensKappa.Of(b, a), 12);
    }

    [Fact]
    public void PerfectAgreementIsOneAndOppositeBinaryLabelsAreMinusOne()
    {
        Assert.Equal(1, CohensKappa.Of([0, 1, 2, 1], [0, 1, 2, 1]));
        Assert.Equal(-1, CohensKappa.Of([0, 1], [1, 0]), 12);
        // One class everywhere in both: chance agreement is 1 (0/0), read as perfect agreement.
        Assert.Equal(1, CohensKappa.Of([3, 3, 3], [3, 3, 3]));
        // Different constant labellings: no agreement, none expected by chance.
        Assert.Equal(0, CohensKappa.Of([1, 1, 1], [2, 2, 2]));
    }

    [Fact]
    public void LabellingsOfDifferentLengthsOrNoItemsAreRefused()
    {
        Assert.Contains("3 and 2", Assert.Throws<ArgumentException>(() => CohensKappa.Of([0, 1, 1], [0, 1])).Message);
        Assert.Throws<ArgumentException>(() => CohensKappa.Of([], []));
    }
}
