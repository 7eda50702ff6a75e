using Workbench.Config;
using Workbench.Engine;

namespace Workbench.Tests.Engine;

public class ArchitectureNamesTests
{
    [Fact]
    public void EveryNameParsesBackAndAnUnknownOneIsRefusedAlikeByTheParserAndTheConfig()
    {
        Assert.Equal(["resnet18", "senet8", "smallcnn", "cnn4", "cnn4-dropout"], ArchitectureNames.Names);
        Assert.All(Enum.GetValues<Architecture>(), a => Assert.Equal(a, ArchitectureNames.Parse(a.ToName().ToUpperInvariant())));
        const string expected = "unknown architecture 'vgg' (expected resnet18, senet8, smallcnn, cnn4 or cnn4-dropout)";
        Assert.StartsWith(expected, Assert.Throws<ArgumentException>(() => ArchitectureNames.Parse("vgg")).Message);
        Assert.Contains(new ExperimentConfig { Architecture = "vgg" }.Problems(), p => p.Field == "architecture" && p.Message == expected);
    }
}
