using Workbench.Tests.Data;

namespace Workbench.Tests.Cli;

/// <summary>
/// Text from data, files, exceptions and reports reaches the user literally (never as Spectre markup), and `data check`
/// decodes every image.
/// </summary>
public sealed class CliOutputTests(CliFixture cli) : IClassFixture<CliFixture>
{
    [Fact]
    public void ClassNamesWithMarkupLikeTextArePrintedLiterally()
    {
        var folder = cli.Folder("own");
        string[] classes = ["[red]band", "seg [1000, 512]", "meta[bold]"];
        for (int c = 0; c < classes.Length; c++)
        {
            var dir = Directory.CreateDirectory(Path.Combine(folder, "labelled", classes[c])).FullName;
            for (int i = 0; i < 3; i++)
                File.WriteAllBytes(Path.Combine(dir, $"cell [{i}].png"), TinyPng.Encode(8, 8, (x, y) => ((byte)(c * 60), (byte)(i * 40), (byte)(x + y))));
        }
        var result = CliFixture.Workbench("data", "check", folder);
        CliCommandTests.Expect(result, 0, classes);
    }

    [Fact]
    public void ManifestLabelsAndProblemsWithMarkupLikeTextArePrintedLiterally()
    {
        // A manifest can name classes a folder cannot: "[/]" included. Its problems quote the offending values.
        var folder = cli.Folder("manifest");
        var lines = new List<string> { "path,label,split" };
        string[] labels = ["[red]seg[/]", "band [/]", "[1000, 512]"];
        for (int c = 0; c < labels.Length; c++)
            for (int i = 0; i < 2; i++)
            {
                var name = $"c{c}-{i}.png";
                File.WriteAllBytes(Path.Combine(folder, name), TinyPng.Encode(8, 8, (x, y) => ((byte)(c * 60), (byte)(i * 40), (byte)(x + y))));
                lines.Add($"{name},\"{labels[c]}\",labelled");  // quoted: a label may hold a comma
            }
        var manifest = Path.Combine(folder, "manifest.csv");
        File.WriteAllLines(manifest, lines);
        CliCommandTests.Expect(CliFixture.Workbench("data", "check", manifest), 0, labels);

        File.AppendAllLines(manifest, ["c0-0.png,[bold]x[/],labelled"]);
        CliCommandTests.Expect(CliFixture.Workbench("data", "check", manifest), 0,
            "c0-0.png: manifest line 8: listed again with another label ('[red]seg[/]' there, '[bold]x[/]' here)");
    }

    private string OwnFolderWithMarkupLikeName()
    {
        var folder = Path.Combine(cli.Folder("cache"), "cells [red]x[1000, 512]");
        for (int c = 0; c < 2; c++)
        {
            var dir = Directory.CreateDirectory(Path.Combine(folder, "labelled", $"class{c}")).FullName;
            for (int i = 0; i < 2; i++)
                File.WriteAllBytes(Path.Combine(dir, $"{i}.png"), TinyPng.Encode(8, 8, (x, y) => ((byte)(c * 90), (byte)(i * 40), (byte)(x + y))));
        }
        return folder;
    }

    [Fact]
    public void InALogProgressBarsAreLinesAndNamesStayLiteral()
    {
        var folder = OwnFolderWithMarkupLikeName();
        var result = CliFixture.Workbench("data", "cache", folder, "--size", "16", "--cache-dir", cli.Folder("own-cache"));
        // The bar's description (a line in a log) and the summary line both carry the data set's name.
        CliCommandTests.Expect(result, 0, $"folder:{folder} images at 16px\n", $"folder:{folder} images at 16px: done", $"folder:{folder}: 4 images at 16px");
        Assert.DoesNotContain("\u001b[", result.Output);  // no colour codes in a log
    }

    [Fact]
    public void OnATerminalTheLiveProgressBarShowsNamesLiterally()
    {
        // `script` gives the command a pseudo-terminal, as a user's shell does: Spectre draws its live display there.
        var folder = OwnFolderWithMarkupLikeName();
        string command = string.Join(' ', new[] { "dotnet", Kernel.JupyterTools.WorkbenchDll, "data", "cache", folder, "--size", "16", "--cache-dir", cli.Folder("tty-cache") }
            .Select(a => "'" + a.Replace("'", "'\\''") + "'"));
        // A wide terminal, so that the long temporary path is not cut to fit 80 columns.
        var (exit, output) = Kernel.JupyterTools.Run("script", ["-qec", "stty cols 400 rows 40; " + command, "/dev/null"]);
        CliCommandTests.Expect(new CliResult(exit, output), 0, $"folder:{folder} images at 16px", $"folder:{folder}: 4 images at 16px");
        Assert.Contains("\u001b[", output);  // it was drawn as a terminal display
    }

    [Fact]
    public void DataCheckDecodesEveryImageOfABuiltInDataSet()
    {
        // A copy of the tiny BCCD root with one image whose header is intact and whose pixel data is cut off.
        var root = cli.Folder("truncated");
        TinyLayouts.Bccd(root, sources: 2, copies: 1, "TRAIN", "TEST");
        var folder = Path.Combine(root, "bccd", "dataset2-master", "images", "TRAIN", "NEUTROPHIL");
        var whole = TinyPng.Encode(64, 64, (x, y) => ((byte)(x * 3), (byte)(y * 3), (byte)(x ^ y)));
        File.WriteAllBytes(Path.Combine(folder, "_9_999.png"), whole[..(whole.Length / 2)]);

        var result = CliFixture.Workbench("data", "check", "bccd", "--data-root", root);
        CliCommandTests.Expect(result, 0, "Unreadable files (1)", "TRAIN/NEUTROPHIL/_9_999.png: cannot be decoded");
    }

    [Fact]
    public void OnlyTheTerminalClassTalksToSpectre()
    {
        // One safe printing path: a Markup call elsewhere would read data as markup again.
        var cliFolder = Path.Combine(RepositoryPaths.Root, "src", "Workbench.Cli");
        var offenders = Directory.GetFiles(cliFolder, "*.cs")
            .Where(f => Path.GetFileName(f) != "Terminal.cs")
            .Where(f => File.ReadAllText(f) is var text && (text.Contains("Spectre", StringComparison.Ordinal)
                || text.Contains("AnsiConsole", StringComparison.Ordinal) || text.Contains("Markup", StringComparison.Ordinal)))
            .Select(Path.GetFileName).ToList();
        Assert.Empty(offenders);
    }
}
