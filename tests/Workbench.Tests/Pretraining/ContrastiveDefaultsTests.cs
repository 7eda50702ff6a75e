using Workbench.Engine;
using Workbench.Pretraining;

namespace Workbench.Tests.Pretraining;

public class ContrastiveDefaultsTests
{
    // Colour is the label in blood-cell images: SimCLR's colour jitter and grey views cost 3-10 test points on BCCD
    // (results/pretraining.md). A default that brings them back must fail here, not in a reproduction hours later.
    [Fact]
    public void DefaultViewsKeepTheColour()
    {
        Assert.Equal(0, new ContrastiveOptions().Jitter);
        Assert.Equal(0, new PretrainOptions().Contrastive.Jitter);
    }

    [Fact]
    public void JitterStaysAvailableAndChecked()
    {
        new ContrastiveOptions { Jitter = 0.4 }.Validate();
        Assert.Throws<ArgumentOutOfRangeException>(() => new ContrastiveOptions { Jitter = 1.0 }.Validate());
    }
}
