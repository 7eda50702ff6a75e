using Workbench.Config;
using Workbench.Engine;
using Workbench.Pretraining;
using Workbench.Reproductions;

namespace Workbench.Tests.Reproductions;

/// <summary>Every file of a reproduction names its start, so reproductions from different starts never overwrite each other.</summary>
public class ReproductionFilesTests
{
    private static readonly ReproductionFiles Scratch = new("poster", "quick", ReproductionFiles.FileTag(null));
    private static readonly ReproductionFiles Pretrained = new("poster", "quick", ReproductionFiles.PretrainedTag(10));
    private static readonly ReproductionFiles FromWeights = new("poster", "quick", ReproductionFiles.FileTag("/w/rn18 (v2).pt"));

    public static TheoryData<string> Kinds => ["run folder", "records"];

    private static string PathOf(ReproductionFiles files, string kind) => kind switch
    {
        "run folder" => files.RunFolder("runs"),
        "records" => files.RecordsFolder("results"),
        _ => throw new ArgumentOutOfRangeException(nameof(kind)),
    };

    [Theory]
    [MemberData(nameof(Kinds))]
    public void EachStartWritesItsOwnFile(string kind)
    {
        string[] paths = [PathOf(Scratch, kind), PathOf(Pretrained, kind), PathOf(FromWeights, kind)];
        Assert.Equal(3, paths.Distinct().Count());
        Assert.Contains("-pretrained-10ep", paths[1]);
        Assert.Contains("-from-rn18--v2-", paths[2]);
    }

    [Fact]
    public void ScratchKeepsTheNamesReadmeAndNotebooksRead()
    {
        Assert.Equal(Path.Combine("runs", "reproduce-poster-quick"), Scratch.RunFolder("runs"));
        Assert.Equal(Path.Combine("results", "poster-quick"), Scratch.RecordsFolder("results"));
        Assert.Equal(Path.Combine("results", "poster-quick-pretrained-10ep"), Pretrained.RecordsFolder("results"));
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public void ABf16ReproductionNeverSharesAFileWithAnFp32One(string kind)
    {
        foreach (var fp32 in new[] { Scratch, Pretrained, FromWeights })
        {
            var bf16 = fp32 with { Precision = Precision.Bf16 };
            Assert.NotEqual(PathOf(fp32, kind), PathOf(bf16, kind));
            Assert.Contains("-bf16", PathOf(bf16, kind));
        }
    }

    [Fact]
    public void OnlyThePostersQuickProfileStartsPretrainedByDefault()
    {
        Assert.True(PretrainedStart.IsDefaultFor("poster", PresetProfile.Quick));
        Assert.False(PretrainedStart.IsDefaultFor("poster", PresetProfile.Full));
        Assert.False(PretrainedStart.IsDefaultFor("bone-marrow", PresetProfile.Quick));
    }

    [Fact]
    public void TheDefaultPretrainingIsTheValidatedTenEpochs() => Assert.Equal(10, new PretrainOptions().Epochs);
}
