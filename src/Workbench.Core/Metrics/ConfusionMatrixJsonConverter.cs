using System.Text.Json;
using System.Text.Json.Serialization;

namespace Workbench.Metrics;

/// <summary>Writes a <see cref="ConfusionMatrix"/> as <c>[[...], ...]</c> (row = truth) and reads it back, checking the shape.</summary>
public sealed class ConfusionMatrixJsonConverter : JsonConverter<ConfusionMatrix>
{
    /// <inheritdoc/>
    public override ConfusionMatrix Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        var rows = JsonSerializer.Deserialize<int[][]>(ref reader, options)
            ?? throw new JsonException("A confusion matrix is null.");
        return FromRows(rows);
    }

    /// <inheritdoc/>
    public override void Write(Utf8JsonWriter writer, ConfusionMatrix value, JsonSerializerOptions options) =>
        JsonSerializer.Serialize(writer, ToRows(value), options);

    /// <summary>The matrix as rows of counts.</summary>
    public static int[][] ToRows(ConfusionMatrix matrix)
    {
        ArgumentNullException.ThrowIfNull(matrix);
        return Enumerable.Range(0, matrix.NumClasses)
            .Select(t => Enumerable.Range(0, matrix.NumClasses).Select(p => matrix[t, p]).ToArray()).ToArray();
    }

    /// <summary>A matrix from rows of counts.</summary>
    /// <exception cref="JsonException">The rows are not square.</exception>
    public static ConfusionMatrix FromRows(int[][] rows)
    {
        ArgumentNullException.ThrowIfNull(rows);
        int n = rows.Length;
        if (n == 0 || rows.Any(r => r is null || r.Length != n))
            throw new JsonException($"A confusion matrix must be square and non-empty; got {n} rows of lengths "
                + string.Join("/", rows.Select(r => r?.Length ?? 0)) + ".");
        var counts = new int[n, n];
        for (int t = 0; t < n; t++)
            for (int p = 0; p < n; p++) counts[t, p] = rows[t][p];
        return new ConfusionMatrix(counts);
    }
}
