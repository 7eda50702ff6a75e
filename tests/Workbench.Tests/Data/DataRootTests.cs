using Workbench.Data;

namespace Workbench.Tests.Data;

public class DataRootTests
{
    [Fact]
    public void FindsTheSharedDatasetsFromTheTestDirectory()
    {
        var root = DataRoot.Resolve(null);
        Assert.True(Directory.Exists(Path.Combine(root, "bccd")), $"no bccd/ under {root}");
        Assert.True(Directory.Exists(Path.Combine(root, "pbc")), $"no pbc/ under {root}");
    }

    [Fact]
    public void ExplicitOptionWinsOverEnvironmentAndSearch()
    {
        using var temp = new TempDirectory();
        var other = temp.Folder("other");
        Assert.Equal(temp.Path, DataRoot.Resolve(temp.Path, other, [other]));
    }

    [Fact]
    public void EnvironmentValueWinsOverSearch()
    {
        using var temp = new TempDirectory();
        var fromEnv = temp.Folder("env");
        var searchStart = temp.Folder("project", "src");
        temp.Folder("shared", "datasets");
        Assert.Equal(fromEnv, DataRoot.Resolve(null, fromEnv, [searchStart]));
    }

    [Fact]
    public void SearchFindsSharedDatasetsNextToAnAncestor()
    {
        using var temp = new TempDirectory();
        var expected = temp.Folder("shared", "datasets");
        var start = temp.Folder("main", "tests", "bin", "Debug");
        Assert.Equal(expected, DataRoot.Resolve(null, null, [start]));
    }

    [Fact]
    public void MissingOptionDirectoryIsAnErrorNotAFallback()
    {
        using var temp = new TempDirectory();
        var missing = Path.Combine(temp.Path, "nope");
        var error = Assert.Throws<DataSetException>(() => DataRoot.Resolve(missing, null, [temp.Path]));
        Assert.Contains(missing, error.Message);
    }

    [Fact]
    public void MissingEnvironmentDirectoryNamesTheVariable()
    {
        using var temp = new TempDirectory();
        var missing = Path.Combine(temp.Path, "nope");
        var error = Assert.Throws<DataSetException>(() => DataRoot.Resolve(null, missing, [temp.Path]));
        Assert.Contains(DataRoot.EnvironmentVariable, error.Message);
        Assert.Contains(missing, error.Message);
    }

    [Fact]
    public void NothingFoundListsEveryPlaceTried()
    {
        using var temp = new TempDirectory();
        var start = temp.Folder("a", "b");
        var error = Assert.Throws<DataSetException>(() => DataRoot.Resolve(null, null, [start]));
        Assert.Contains(Path.Combine(start, "shared", "datasets"), error.Message);
        Assert.Contains(Path.Combine(temp.Path, "a", "shared", "datasets"), error.Message);
        Assert.Contains(Path.Combine(temp.Path, "shared", "datasets"), error.Message);
        Assert.Contains(DataRoot.EnvironmentVariable, error.Message);
    }
}
