using Workbench.Reports;
using Workbench.Config;

namespace Workbench.Tests.Reports;

public sealed class ConfigOverridesTests
{
    [Fact]
    public void Zero_keeps_the_presets_values_and_nonzero_replaces_them()
    {
        var preset = Presets.Create("poster", "ssl+al", PresetProfile.Quick);

        Assert.Equal(preset, new ConfigOverrides().Apply(preset));
        var tiny = new ConfigOverrides { MaxSteps = 20, Rounds = 1, PoolPerRound = 300, Budget = 10, PseudoLabelThreshold = 0.5 }.Apply(preset);
        Assert.Equal(20, tiny.MaxSteps);
        Assert.Equal(1, tiny.Rounds);
        Assert.Equal(300, tiny.PoolPerRound);
        Assert.Equal(10, tiny.Budget);
        Assert.Equal(0.5, tiny.PseudoLabelThreshold);
        Assert.Equal(preset with { MaxSteps = 20, Rounds = 1, PoolPerRound = 300, Budget = 10, PseudoLabelThreshold = 0.5 }, tiny);
    }

    [Fact]
    public void A_baseline_keeps_zero_rounds()
    {
        var baseline = Presets.Create("poster", "baseline", PresetProfile.Quick);

        Assert.Equal(0, new ConfigOverrides { Rounds = 2 }.Apply(baseline).Rounds);
    }

    [Theory]
    [InlineData(-1, 0, 0.0, "MaxSteps")]
    [InlineData(0, -3, 0.0, "Rounds")]
    [InlineData(0, 0, 1.0, "PseudoLabelThreshold")]
    public void Bad_overrides_name_the_field(int maxSteps, int rounds, double threshold, string field)
    {
        var overrides = new ConfigOverrides { MaxSteps = maxSteps, Rounds = rounds, PseudoLabelThreshold = threshold };

        Assert.Equal(field, Assert.Throws<ArgumentException>(() => overrides.Apply(Presets.Create("poster", "ssl"))).ParamName);
    }

    [Fact]
    public void Profiles_and_number_lists_parse_or_fail_clearly()
    {
        Assert.Equal(PresetProfile.Quick, PresetProfiles.Parse("quick"));
        Assert.Equal(PresetProfile.Full, PresetProfiles.Parse(" FULL "));
        Assert.Contains("quick or full", Assert.Throws<ArgumentException>(() => PresetProfiles.Parse("fast")).Message);
        Assert.Throws<ArgumentException>(() => PresetProfiles.Parse("1"));
        Assert.Equal([0.5, 0.97], ConfigOverrides.ParseList(" 0.5, 0.97 "));
        Assert.Equal("budgets", Assert.Throws<ArgumentException>(() => ConfigOverrides.ParseList("50,x", "budgets")).ParamName);
        Assert.Throws<ArgumentException>(() => ConfigOverrides.ParseList(" , "));
    }
}
