using System.CommandLine;
using Workbench.Data;

namespace Workbench.Cli;

/// <summary>`workbench data cells bccd`: the source cell behind every `provided` TEST image (the independent test units).</summary>
internal static class CellsCommand
{
    public static Command Create()
    {
        var common = new CommonOptions();
        var dataset = new Argument<string>("dataset") { Description = "bccd (the only data set whose test images repeat cells)" };
        var size = HashSizeOption();
        var paper = new Option<bool>("--paper") { Description = "Also count near-copy clusters in the paper split's test half (seed 0; slower: all pairs)" };
        var output = new Option<string?>("--out") { Description = "CSV file: one row per TEST image (path, label, cell, distance, margin, file index agrees, near-copy cluster within TEST)" };
        var command = new Command("cells", "Map each BCCD TEST image to its TEST_SIMPLE source cell by near-copy hash; summary of the map");
        command.Arguments.Add(dataset);
        foreach (var option in new Option[] { size, paper, output })
            command.Options.Add(option);
        common.AddTo(command, engine: false);
        command.SetAction(result => CommandRunner.Run(() =>
        {
            if (result.GetValue(dataset)!.Trim().ToLowerInvariant() != "bccd")
                throw new ArgumentException("cells: only bccd has several test images per cell.");
            // TRAIN is decoded only when the paper split needs it.
            var root = common.ResolveDataRoot(result);
            var set = result.GetValue(paper) ? DataSets.LoadEverything("bccd", root) : TestFolders(root);
            using var cached = Progress.LoadImages(common.Cache(result), set, result.GetValue(size));
            var hashes = ImageHashes.Compute(cached);
            var map = SourceCellMap.Build(hashes);
            var clusters = NearCopyClusters.Assign(hashes, map.Images.Select(a => a.Id).ToList());
            int? paperCells = null;
            IReadOnlyList<int> paperTest = [];
            if (result.GetValue(paper))
            {
                paperTest = Splits.Paper(cached.Data, 0).TestIds;
                paperCells = NearCopyClusters.Count(hashes, paperTest);
            }
            Console.WriteLine(SourceCellMapWriter.ToText(map, paperCells, clusters));
            if (paperTest.Count > 0)
            {
                // Only TEST-folder images have originals to map to; TRAIN-folder ones can only be bounded.
                var fromTest = paperTest.Select(id => map.Find(cached.Data.Samples[id].RelativePath)).OfType<CellAssignment>().ToList();
                Console.WriteLine($"  paper split (seed 0) test half: {paperTest.Count} images, {fromTest.Count} of them from TEST showing "
                    + $"{fromTest.Select(a => a.Cell).Distinct().Count()} of its {map.Cells.Count} cells; the other {paperTest.Count - fromTest.Count} "
                    + "come from TRAIN, whose sources have no originals to map to");
            }
            if (result.GetValue(output) is { } path)
            {
                File.WriteAllLines(path, map.Images.Select((a, i) => string.Join(",", a.Path, map.ClassNames[a.Label], a.Cell, a.Distance, a.Margin,
                        a.FileIndexAgrees ? 1 : 0, clusters[i]))
                    .Prepend("path,class,cell,distance,margin,file_index_agrees,near_copy_cluster"));
                Console.WriteLine($"wrote {path}");
            }
            return 0;
        }));
        return command;
    }

    /// <summary>The leak audit chose its threshold on 64 px hashes; other sizes shift the distances.</summary>
    public static Option<int> HashSizeOption() =>
        new("--hash-size") { Description = "Image side the cell hashes are computed at (the near-copy threshold was set at 64)", DefaultValueFactory = _ => 64 };

    /// <summary>The map for BCCD TEST, from TEST and TEST_SIMPLE decoded at <paramref name="size"/> through the cache.</summary>
    public static SourceCellMap BuildMap(ImageCache cache, string root, int size)
    {
        using var cached = Progress.LoadImages(cache, TestFolders(root), size);
        return SourceCellMap.Build(ImageHashes.Compute(cached));
    }

    private static DataSet TestFolders(string root) =>
        DataSets.Load("bccd", root, new DataSetOptions { BccdSplits = [BccdLayout.Test, BccdLayout.TestSimple] });
}
