using Workbench.Metrics;

namespace Workbench.Tests.Metrics;

public class ClassificationReportTests
{
    private static readonly string[] Names = ["neutrophil", "lymphocyte", "monocyte"];

    [Fact]
    public void BundlesAccuracyMacroF1AndPerClassRows()
    {
        var report = ClassificationReport.Create([0, 0, 0, 0, 1, 1, 2, 2], [0, 0, 1, 2, 1, 0, 2, 2], Names);

        Assert.Equal(0.625, report.Accuracy, 12);
        Assert.Equal((4.0 / 7 + 0.5 + 0.8) / 3, report.MacroF1, 12);
        var monocyte = report.PerClass[2];
        Assert.Equal("monocyte", monocyte.Name);
        Assert.Equal(2.0 / 3, monocyte.Precision, 12);
        Assert.Equal(1.0, monocyte.Recall, 12);
        Assert.Equal(0.8, monocyte.F1, 12);
        Assert.Equal(2, monocyte.Support);
        Assert.Equal(Names, report.PerClass.Select(c => c.Name));
        Assert.Equal(new[] { 4, 2, 2 }, report.PerClass.Select(c => c.Support));
        Assert.Equal(2, report.Confusion[0, 0]);
    }

    [Fact]
    public void TextTableListsEveryClass()
    {
        var text = ClassificationReport.Create([0, 1, 2], [0, 1, 1], Names).ToText();
        foreach (string name in Names) Assert.Contains(name, text);
        Assert.Contains("0.667", text); // accuracy 2/3
        Assert.Contains("macro-F1", text);
    }

    [Fact]
    public void ClassNamesMustMatchTheMatrix()
    {
        var m = ConfusionMatrix.From([0], [0], 2);
        Assert.Equal("classNames", Assert.Throws<ArgumentException>(() => ClassificationReport.FromConfusion(m, Names)).ParamName);
        Assert.Equal("classNames", Assert.Throws<ArgumentException>(() => ClassificationReport.Create([0], [0], [])).ParamName);
    }

    [Fact]
    public void LabelsBeyondTheNamedClassesAreAnError()
    {
        Assert.Equal("predicted", Assert.Throws<ArgumentException>(() => ClassificationReport.Create([0], [3], Names)).ParamName);
    }
}
