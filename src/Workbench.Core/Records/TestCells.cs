using Workbench.Data;
using Workbench.Loop;
using Workbench.Metrics;
using static Workbench.Records.CsvText;

namespace Workbench.Records;

/// <summary>One test cell: the independent unit behind a group of test images.</summary>
/// <param name="Id">Cell number (the source cell map's).</param>
/// <param name="Label">Class.</param>
/// <param name="Images">Test images of the cell.</param>
/// <param name="Origin">Where the cell comes from (BCCD: its TEST_SIMPLE original).</param>
public sealed record TestCell(int Id, int Label, int Images, string Origin);

/// <summary>
/// The test cells of one split. Built from the source cell map when a reproduction is recorded (then it also knows which
/// cell each test image shows, in the data's test order); read back from cells.csv it knows the cells only, which is all
/// the per-cell counts of the records need.
/// </summary>
public sealed class TestCells
{
    private readonly IReadOnlyList<int>? _imageCell;

    /// <param name="split">The split the cells belong to.</param>
    /// <param name="cells">The cells, sorted by id.</param>
    /// <param name="imageCell">Position in <paramref name="cells"/> of each test image, in test order; null when read back.</param>
    public TestCells(string split, IReadOnlyList<TestCell> cells, IReadOnlyList<int>? imageCell = null)
    {
        ArgumentNullException.ThrowIfNull(cells);
        if (cells.Count == 0) throw new ArgumentException($"split {split}: no test cells.", nameof(cells));
        if (cells.Zip(cells.Skip(1)).Any(p => p.First.Id >= p.Second.Id)) throw new ArgumentException("cells must be sorted by id, without repeats", nameof(cells));
        Split = split;
        Cells = cells;
        _imageCell = imageCell;
        // One synthetic image per test image, grouped by cell: the cell statistics need only the cells' sizes and classes.
        Index = new CellIndex(cells.SelectMany(c => Enumerable.Repeat(c.Id, c.Images)).ToArray(),
            cells.SelectMany(c => Enumerable.Repeat(c.Label, c.Images)).ToArray());
    }

    public string Split { get; }

    /// <summary>The cells, in the order of every per-cell list.</summary>
    public IReadOnlyList<TestCell> Cells { get; }

    /// <summary>The cells as the cluster bootstrap's index.</summary>
    public CellIndex Index { get; }

    /// <summary>
    /// The cells of BCCD's `provided` TEST images (<paramref name="testIds"/> of <paramref name="data"/>), each mapped to its
    /// TEST_SIMPLE original by <paramref name="map"/>.
    /// </summary>
    /// <exception cref="InvalidDataException">A test image is not in the map.</exception>
    public static TestCells FromMap(string split, SourceCellMap map, DataSet data, IReadOnlyList<int> testIds)
    {
        ArgumentNullException.ThrowIfNull(map);
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(testIds);
        var assigned = testIds.Select(id => map.Find(data.Samples[id].RelativePath)
            ?? throw new InvalidDataException($"test image {data.Samples[id].RelativePath} is not in the source cell map")).ToArray();
        var ids = assigned.Select(a => a.Cell).Distinct().Order().ToArray();
        var position = ids.Select((id, i) => (id, i)).ToDictionary(p => p.id, p => p.i);
        var cells = ids.Select(id => new TestCell(id, map.Cells[id].Label, assigned.Count(a => a.Cell == id), map.Cells[id].Path)).ToArray();
        return new TestCells(split, cells, assigned.Select(a => position[a.Cell]).ToArray());
    }

    /// <summary>Correct test images per cell in <paramref name="round"/>, from its stored predictions.</summary>
    /// <exception cref="InvalidDataException">The round kept no predictions, or another number than this split has test images.</exception>
    public int[] CorrectByCell(RoundResult round, string what)
    {
        ArgumentNullException.ThrowIfNull(round);
        if (_imageCell is null) throw new InvalidOperationException("cells read back from cells.csv do not know the test images");
        if (round.TestPredicted is not { } predicted)
            throw new InvalidDataException($"{what}: the round kept no test predictions (run before they were stored); per-cell records need them: rerun it.");
        if (predicted.Count != _imageCell.Count)
            throw new InvalidDataException($"{what}: {predicted.Count} test predictions for the {_imageCell.Count} test images of split {Split}.");
        var correct = new int[Cells.Count];
        for (int i = 0; i < predicted.Count; i++)
            if (predicted[i] == Cells[_imageCell[i]].Label) correct[_imageCell[i]]++;
        return correct;
    }

    /// <summary>
    /// The cells as the cluster bootstrap's index over the real test images, in test order, for flags per image.
    /// </summary>
    public CellIndex ImageIndex()
    {
        if (_imageCell is null) throw new InvalidOperationException("cells read back from cells.csv do not know the test images");
        return new CellIndex(_imageCell.Select(c => Cells[c].Id).ToArray(), _imageCell.Select(c => Cells[c].Label).ToArray());
    }

    /// <summary>Per image, per cell and class-balanced accuracy of one round's per-cell counts.</summary>
    public CellAccuracy Accuracy(int[] correctByCell) => CellAccuracy.FromCounts(Index, correctByCell);

    /// <summary>cells.csv rows for these cells (header: <see cref="Header"/>).</summary>
    public IEnumerable<string> Rows(IReadOnlyList<string> classNames) =>
        Cells.Select(c => Line([Split, Number(c.Id), classNames[c.Label], Number(c.Images), c.Origin]));

    /// <summary>The header of cells.csv.</summary>
    public static string Header => Line(["split", "cell", "class", "images", "origin"]);

    /// <summary>Every split's cells in cells.csv <paramref name="text"/>.</summary>
    /// <exception cref="InvalidDataException">An unknown class name or a bad number (names the row).</exception>
    public static IReadOnlyList<TestCells> Read(string text, IReadOnlyList<string> classNames, string source = "cells.csv")
    {
        ArgumentNullException.ThrowIfNull(classNames);
        return CsvRow.All(text, source).GroupBy(r => r.Text("split")).Select(split => new TestCells(split.Key, split.Select(r =>
        {
            int label = classNames.ToList().IndexOf(r.Text("class"));
            if (label < 0) throw new InvalidDataException($"{source}: class '{r.Text("class")}' is not one of {string.Join(", ", classNames)}.");
            return new TestCell(r.Int("cell"), label, r.Int("images"), r.Text("origin"));
        }).OrderBy(c => c.Id).ToArray())).ToList();
    }
}
