using System.Xml.Linq;
using Workbench.Display;

namespace Workbench.Tests.Display;

public sealed class HtmlTableTests
{
    private static HtmlTable Sample() => new(
        ["method", "accuracy", "n"],
        [["SSL", DisplayFormat.MeanStd(88.04, 0.71), DisplayFormat.Count(40518)], ["SSL+AL <best>", DisplayFormat.MeanStd(95.28, 1.36), "7"]],
        "Round 3");

    [Fact]
    public void Html_is_escaped_well_formed_and_highlights_cells()
    {
        var table = Sample().WithHighlight(1, 1, "#ffeeaa");
        string html = table.ToHtml();
        var document = XDocument.Parse(html);

        Assert.Equal(6, document.Descendants("td").Count());
        Assert.Contains("SSL+AL &lt;best&gt;", html);
        var highlighted = document.Descendants("td").Single(td => td.Attribute("style")!.Value.Contains("#ffeeaa"));
        Assert.Equal("95.28 ± 1.36", highlighted.Value);
        Assert.Null(Sample().HighlightOf(1, 1));
        Assert.Equal("Round 3", document.Descendants("caption").Single().Value);
    }

    [Fact]
    public void Plain_text_aligns_columns_and_right_aligns_numbers()
    {
        string text = Sample().WithHighlight(0, 0).ToText();

        Assert.Equal(
            "Round 3\n" +
            "method             accuracy       n\n" +
            "-------------  ------------  ------\n" +
            "SSL*           88.04 ± 0.71  40,518\n" +
            "SSL+AL <best>  95.28 ± 1.36       7\n",
            text);
    }

    [Fact]
    public void Table_from_records_uses_their_properties()
    {
        var table = HtmlTable.FromObjects(new[] { new Row("band", 0.84, 50), new Row("segmented", 1.0, 50) });

        Assert.Equal(["Name", "Recall", "Support"], table.Headers);
        Assert.Equal(["band", "0.8400", "50"], table.Rows[0]);
        Assert.Equal(MimeTypes.Html, table.MimeBundle().Keys.First());
    }

    [Fact]
    public void Rows_must_match_headers()
    {
        Assert.Equal("rows", Assert.Throws<ArgumentException>(() => new HtmlTable(["a", "b"], [["1"]])).ParamName);
        Assert.Throws<ArgumentOutOfRangeException>(() => Sample().WithHighlight(5, 0));
    }

    [Fact]
    public void Number_formats_are_invariant()
    {
        Assert.Equal("81.50%", DisplayFormat.Percent(0.815));
        Assert.Equal("0.1235", DisplayFormat.Number(0.123456, 4));
        Assert.Equal("–", DisplayFormat.Number(double.NaN));
        Assert.Equal("1,234,567", DisplayFormat.Count(1234567));
    }

    private sealed record Row(string Name, double Recall, int Support);
}
