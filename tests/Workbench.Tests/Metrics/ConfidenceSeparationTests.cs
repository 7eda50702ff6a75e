using Workbench.Metrics;

namespace Workbench.Tests.Metrics;

public sealed class ConfidenceSeparationTests
{
    [Fact]
    public void Auroc_is_the_share_of_right_wrong_pairs_where_the_right_one_is_more_confident()
    {
        // Pairs (right, wrong): 0.9 > 0.7, 0.9 > 0.5, 0.6 < 0.7, 0.6 > 0.5 -> 3 of 4.
        Assert.Equal(0.75, ConfidenceSeparation.AurocOf([0.9, 0.6], [0.7, 0.5]), 12);
        Assert.Equal(1, ConfidenceSeparation.AurocOf([0.9, 0.8], [0.3]), 12);
        Assert.Equal(0, ConfidenceSeparation.AurocOf([0.3], [0.9, 0.8]), 12);
        Assert.Equal(0.5, ConfidenceSeparation.AurocOf([0.5, 0.5], [0.5]), 12);   // ties count half
        Assert.True(double.IsNaN(ConfidenceSeparation.AurocOf([0.5], [])));
    }

    [Fact]
    public void Auroc_agrees_with_counting_every_pair_on_random_confidences_with_ties()
    {
        var random = new Random(7);
        for (int trial = 0; trial < 20; trial++)
        {
            // Two decimals, so ties occur.
            var right = Enumerable.Range(0, random.Next(1, 40)).Select(_ => Math.Round(random.NextDouble(), 2)).ToArray();
            var wrong = Enumerable.Range(0, random.Next(1, 40)).Select(_ => Math.Round(random.NextDouble() * 0.8, 2)).ToArray();
            double pairs = right.Sum(r => wrong.Sum(w => r > w ? 1.0 : r == w ? 0.5 : 0.0)) / (right.Length * wrong.Length);
            Assert.Equal(pairs, ConfidenceSeparation.AurocOf(right, wrong), 12);
        }
    }

    [Fact]
    public void Of_gives_the_medians_counts_and_an_interval_around_the_estimate_fixed_by_its_seed()
    {
        double[] confidence = [0.95, 0.9, 0.85, 0.8, 0.6, 0.55, 0.7, 0.5, 0.4];
        bool[] correct = [true, true, true, true, true, true, false, false, false];

        var separation = ConfidenceSeparation.Of(confidence, correct, resamples: 500, seed: 3);

        Assert.Equal((6, 3), (separation.Right, separation.Wrong));
        Assert.Equal(0.825, separation.MedianRight, 12);
        Assert.Equal(0.5, separation.MedianWrong, 12);
        // Right above every wrong except 0.6 and 0.55 below 0.7: 18 pairs, 2 lost.
        Assert.Equal(16.0 / 18, separation.Auroc, 12);
        Assert.InRange(separation.Auroc, separation.Low, separation.High);
        Assert.InRange(separation.Low, 0, 1);
        Assert.InRange(separation.High, 0, 1);
        Assert.True(separation.High > separation.Low);
        var again = ConfidenceSeparation.Of(confidence, correct, resamples: 500, seed: 3);
        Assert.Equal((separation.Low, separation.High), (again.Low, again.High));
        var effect = separation.Below(0.65);
        Assert.Equal((2, 3, 2, 6), (effect.WrongBelow, effect.Wrong, effect.RightBelow, effect.Right));
        Assert.Equal(2.0 / 3, effect.WrongShare, 12);
    }

    [Fact]
    public void The_reading_is_worded_from_the_numbers()
    {
        // Right answers all above the errors: very well, and the interval leaves 0.5 out.
        var clear = ConfidenceSeparation.Of([0.99, 0.97, 0.95, 0.93, 0.91, 0.9, 0.4, 0.45, 0.5, 0.35], [true, true, true, true, true, true, false, false, false, false], 500);
        Assert.Contains("AUROC of confidence for right vs wrong 1.00", clear.Reading());
        Assert.Contains("very well", clear.Reading());
        Assert.Contains("not chance", clear.Reading());
        Assert.Contains("(n = 6)", clear.Reading());
        // The same confidences on both sides: no separation, and the reading says chance is not ruled out.
        var none = ConfidenceSeparation.Of([0.6, 0.7, 0.8, 0.6, 0.7, 0.8], [true, true, true, false, false, false], 500);
        Assert.Equal(0.5, none.Auroc, 12);
        Assert.Contains("barely", none.Reading());
        Assert.Contains("reaches 0.5", none.Reading());
        Assert.Contains("nothing to separate", ConfidenceSeparation.Of([0.9, 0.8], [true, true]).Reading());
    }

    [Fact]
    public void Bad_input_is_a_one_line_error_naming_the_argument()
    {
        Assert.Equal("correct", Assert.Throws<ArgumentException>(() => ConfidenceSeparation.Of([0.5], [true, false])).ParamName);
        Assert.Equal("confidence", Assert.Throws<ArgumentException>(() => ConfidenceSeparation.Of([double.NaN], [true])).ParamName);
        Assert.Equal("confidence", Assert.Throws<ArgumentException>(() => ConfidenceSeparation.Of([1.5], [true])).ParamName);
        Assert.Throws<ArgumentOutOfRangeException>(() => ConfidenceSeparation.Of([0.5], [true], level: 1));
    }
}
