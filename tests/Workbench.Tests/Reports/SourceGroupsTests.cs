using Workbench.Data;
using Workbench.Reports;

namespace Workbench.Tests.Reports;

public sealed class SourceGroupsTests
{
    // Class x: cell 0 with 3 copies (ids 0-2), cell 1 with 1 copy (id 3); class y: cell 2 with 2 copies (ids 4-5), one ungrouped image (id 6).
    private static DataSet Make()
    {
        (int Label, int Group)[] layout = [(0, 0), (0, 0), (0, 0), (0, 1), (1, 2), (1, 2), (1, -1)];
        string[] names = ["x", "y"];
        var samples = layout.Select((s, id) => new Sample(id, $"{names[s.Label]}/_{s.Group}_{id}.png", s.Label, names[s.Label], null, s.Group)).ToArray();
        return new DataSet("toy", "/toy", names, names, samples);
    }

    [Fact]
    public void Per_class_counts_sources_and_copies()
    {
        var summaries = SourceGroups.PerClass(Make());

        Assert.Equal(new SourceGroupSummary("x", 4, 2, 2.0, 1, 3), summaries[0]);
        Assert.Equal(new SourceGroupSummary("y", 3, 2, 1.5, 1, 2), summaries[1]);  // the ungrouped image is its own source
    }

    [Fact]
    public void Leak_counts_test_images_whose_cell_is_also_in_training()
    {
        var data = Make();
        var leaky = new Split([0, 1, 4, 3], [2, 5, 6], "leaky");
        var clean = new Split([0, 1, 2, 6], [3, 4, 5], "clean");

        var leak = SourceGroups.Leak(data, leaky);
        Assert.Equal(new SplitLeak("leaky", 3, 2, 2, 2), leak);
        Assert.Equal(2.0 / 3, leak.LeakedFraction, 12);
        Assert.Equal(0, SourceGroups.Leak(data, clean).TestImagesWithSourceInTrain);
        Assert.Equal(0, SourceGroups.Leak(data, clean).LeakedFraction);
    }

    [Fact]
    public void Most_leaked_group_and_members()
    {
        var data = Make();
        var split = new Split([0, 4, 3], [1, 2, 5, 6], "leaky");

        Assert.Equal(0, SourceGroups.MostLeakedGroup(data, split, 0));
        Assert.Equal(2, SourceGroups.MostLeakedGroup(data, split, 1));
        Assert.Null(SourceGroups.MostLeakedGroup(data, new Split([0, 1, 2], [3], "clean"), 0));
        Assert.Equal([4, 5], SourceGroups.Members(data, 2));
        Assert.Equal("sourceGroup", Assert.Throws<ArgumentException>(() => SourceGroups.Members(data, 9)).ParamName);
    }
}
