using System.Globalization;
using Workbench.Experiments;
using Workbench.Loop;

namespace Workbench.Cli;

/// <summary>The per-round summary printed at the end of a run.</summary>
internal static class RoundTable
{
    public static SummaryTable For(IReadOnlyList<RoundResult> rounds)
    {
        var table = new SummaryTable(["round", "acc %", "macro-F1 %", "training set", "added pseudo", "added CST", "added AL", "pseudo precision %", "steps", "seconds"]);
        string N(double v, string f = "F0") => v.ToString(f, CultureInfo.InvariantCulture);
        foreach (var r in rounds)
            table.Add([N(r.Round), N(r.Accuracy * 100, "F2"), N(r.MacroF1 * 100, "F2"), N(r.TrainingSetSize),
                N(r.Added.TotalOf(Provenance.PseudoLabel)), N(r.Added.TotalOf(Provenance.CstConfirmed) + r.Added.TotalOf(Provenance.CstCorrected)),
                N(r.Added.TotalOf(Provenance.ActiveLearning)), r.PseudoLabelPrecision is { } p ? N(p * 100, "F1") : "",
                N(r.TrainingSteps), N(r.TotalSeconds, "F1")]);
        return table;
    }
}
