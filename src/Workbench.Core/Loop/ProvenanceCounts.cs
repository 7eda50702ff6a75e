using System.Text.Json.Serialization;

namespace Workbench.Loop;

/// <summary>
/// Sample counts by provenance and class: each array is indexed by class label. Used both for the whole
/// labelled pool and for what one round added.
/// </summary>
public sealed record ProvenanceCounts(int[] Initial, int[] PseudoLabel, int[] CstConfirmed, int[] CstCorrected, int[] ActiveLearning)
{
    /// <summary>All zeros for <paramref name="numClasses"/> classes.</summary>
    public static ProvenanceCounts Zero(int numClasses)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(numClasses, 1);
        return new(new int[numClasses], new int[numClasses], new int[numClasses], new int[numClasses], new int[numClasses]);
    }

    /// <summary>Counts the given samples.</summary>
    public static ProvenanceCounts Of(IEnumerable<LabelledSample> samples, int numClasses)
    {
        var counts = Zero(numClasses);
        foreach (var sample in samples) counts.For(sample.Provenance)[sample.Label]++;
        return counts;
    }

    /// <summary>The per-class counts of one provenance.</summary>
    public int[] For(Provenance provenance) => provenance switch
    {
        Provenance.Initial => Initial,
        Provenance.PseudoLabel => PseudoLabel,
        Provenance.CstConfirmed => CstConfirmed,
        Provenance.CstCorrected => CstCorrected,
        Provenance.ActiveLearning => ActiveLearning,
        _ => throw new ArgumentOutOfRangeException(nameof(provenance), provenance, "unknown provenance"),
    };

    /// <summary>Number of samples of one provenance over all classes.</summary>
    public int TotalOf(Provenance provenance) => For(provenance).Sum();

    /// <summary>Counts per class over all provenances.</summary>
    [JsonIgnore]
    public int[] ByClass
    {
        get
        {
            var sum = new int[Initial.Length];
            foreach (var provenance in Enum.GetValues<Provenance>())
            {
                var counts = For(provenance);
                for (int c = 0; c < sum.Length; c++) sum[c] += counts[c];
            }
            return sum;
        }
    }

    /// <summary>Number of samples over all provenances and classes.</summary>
    [JsonIgnore]
    public int Total => ByClass.Sum();
}
