namespace Workbench.Metrics;

/// <summary>
/// Arithmetic on confusion matrices ([truth, prediction] counts) for reports: conversion from the jagged form stored in
/// round results, row normalisation, the sub-matrix of a few classes, and the largest confusions.
/// </summary>
public static class ConfusionAnalysis
{
    /// <summary>The jagged [truth][prediction] matrix of a round result as a rectangular array.</summary>
    /// <exception cref="ArgumentException">Not square, or a negative count.</exception>
    public static int[,] ToArray(int[][] confusion)
    {
        ArgumentNullException.ThrowIfNull(confusion);
        int n = confusion.Length;
        if (n == 0) throw new ArgumentException("the confusion matrix is empty", nameof(confusion));
        var counts = new int[n, n];
        for (int t = 0; t < n; t++)
        {
            if (confusion[t] is null || confusion[t].Length != n)
                throw new ArgumentException($"row {t} has {confusion[t]?.Length ?? 0} cells; the matrix must be {n} x {n}", nameof(confusion));
            for (int p = 0; p < n; p++)
            {
                if (confusion[t][p] < 0) throw new ArgumentException($"cell [{t}][{p}] is negative ({confusion[t][p]})", nameof(confusion));
                counts[t, p] = confusion[t][p];
            }
        }
        return counts;
    }

    /// <summary>Each row divided by its total (a row without samples stays 0): cell [t, p] = recall-style rate.</summary>
    public static double[,] RowNormalised(int[,] counts)
    {
        int n = CheckSquare(counts);
        var rates = new double[n, n];
        for (int t = 0; t < n; t++)
        {
            long total = 0;
            for (int p = 0; p < n; p++) total += counts[t, p];
            for (int p = 0; p < n; p++) rates[t, p] = total == 0 ? 0 : (double)counts[t, p] / total;
        }
        return rates;
    }

    // Returns the matrix's side.
    private static int CheckClasses(int[,] counts, IReadOnlyList<int> classes)
    {
        int n = CheckSquare(counts);
        ArgumentNullException.ThrowIfNull(classes);
        if (classes.Count == 0) throw new ArgumentException("at least one class is needed", nameof(classes));
        foreach (int c in classes)
            if ((uint)c >= (uint)n) throw new ArgumentException($"class {c} is outside 0..{n - 1}", nameof(classes));
        return n;
    }

    /// <summary>The rows and columns of <paramref name="classes"/> only, in that order.</summary>
    public static int[,] SubMatrix(int[,] counts, IReadOnlyList<int> classes)
    {
        CheckClasses(counts, classes);
        var sub = new int[classes.Count, classes.Count];
        for (int i = 0; i < classes.Count; i++)
            for (int j = 0; j < classes.Count; j++) sub[i, j] = counts[classes[i], classes[j]];
        return sub;
    }

    /// <summary>
    /// The rows of <paramref name="classes"/>, whole: columns 0..m-1 are those classes (in that order), column m counts
    /// every other prediction of the row. Each row keeps its total, so a row-normalised diagonal cell is the class's
    /// recall, which <see cref="SubMatrix"/> normalised within the kept columns is not.
    /// </summary>
    public static int[,] RowsWithOther(int[,] counts, IReadOnlyList<int> classes)
    {
        int n = CheckClasses(counts, classes);
        if (classes.Distinct().Count() != classes.Count) throw new ArgumentException("a class is named twice", nameof(classes));
        int m = classes.Count;
        var rows = new int[m, m + 1];
        for (int i = 0; i < m; i++)
        {
            long total = 0;
            for (int p = 0; p < n; p++) total += counts[classes[i], p];
            long kept = 0;
            for (int j = 0; j < m; j++) kept += rows[i, j] = counts[classes[i], classes[j]];
            rows[i, m] = checked((int)(total - kept));
        }
        return rows;
    }

    /// <summary>Positions of <paramref name="wanted"/> in <paramref name="classNames"/> (case-insensitive).</summary>
    /// <exception cref="ArgumentException">A wanted name is not a class; lists the classes.</exception>
    public static int[] IndicesOf(IReadOnlyList<string> classNames, IReadOnlyList<string> wanted)
    {
        ArgumentNullException.ThrowIfNull(classNames);
        ArgumentNullException.ThrowIfNull(wanted);
        return wanted.Select(name =>
        {
            for (int i = 0; i < classNames.Count; i++)
                if (string.Equals(classNames[i], name, StringComparison.OrdinalIgnoreCase)) return i;
            throw new ArgumentException($"'{name}' is not a class; the classes are: {string.Join(", ", classNames)}", nameof(wanted));
        }).ToArray();
    }

    /// <summary>The <paramref name="top"/> largest off-diagonal cells, largest count first (ties: lower true, then predicted class).</summary>
    public static IReadOnlyList<ConfusedPair> TopConfusions(int[,] counts, IReadOnlyList<string> classNames, int top = 5)
    {
        int n = CheckSquare(counts);
        ArgumentNullException.ThrowIfNull(classNames);
        if (classNames.Count != n) throw new ArgumentException($"{classNames.Count} class names for a {n} x {n} matrix", nameof(classNames));
        ArgumentOutOfRangeException.ThrowIfNegative(top);
        var rates = RowNormalised(counts);
        var pairs = new List<ConfusedPair>();
        for (int t = 0; t < n; t++)
            for (int p = 0; p < n; p++)
                if (t != p && counts[t, p] > 0) pairs.Add(new ConfusedPair(t, p, classNames[t], classNames[p], counts[t, p], rates[t, p]));
        return pairs.OrderByDescending(x => x.Count).ThenBy(x => x.TrueClass).ThenBy(x => x.PredictedClass).Take(top).ToArray();
    }

    private static int CheckSquare(int[,] counts)
    {
        ArgumentNullException.ThrowIfNull(counts);
        int n = counts.GetLength(0);
        if (n == 0 || counts.GetLength(1) != n)
            throw new ArgumentException($"the matrix must be square and non-empty, got {n} x {counts.GetLength(1)}", nameof(counts));
        return n;
    }
}
