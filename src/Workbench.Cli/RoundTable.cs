using System.Globalization;
using Workbench.Reproductions;
using Workbench.Loop;

namespace Workbench.Cli;

/// <summary>The per-round summary printed at the end of a run.</summary>
internal static class RoundTable
{
    public static SummaryTable For(IReadOnlyList<RoundResult> rounds)
    {
        bool person = rounds.Any(r => r.Person is not null);
        var table = new SummaryTable(["round", "acc %", "macro-F1 %", "training set", "added pseudo", "added CST", "added AL", "pseudo precision %",
            .. person ? new[] { "you agreed %", "cannot tell" } : [], "stop-set kappa", "steps", "seconds"]);
        string N(double v, string f = "F0") => v.ToString(f, CultureInfo.InvariantCulture);
        foreach (var r in rounds)
            table.Add([N(r.Round), r.HasTest ? N(r.Accuracy * 100, "F2") : "n/a", r.HasTest ? N(r.MacroF1 * 100, "F2") : "n/a", N(r.Training.Size),
                N(r.Labelled.Added.TotalOf(Provenance.PseudoLabel)), N(r.Labelled.Added.TotalOf(Provenance.CstConfirmed) + r.Labelled.Added.TotalOf(Provenance.CstCorrected)),
                N(r.Labelled.Added.TotalOf(Provenance.ActiveLearning)), r.Labelled.PseudoLabelPrecision is { } p ? N(p * 100, "F1") : "",
                .. person ? new[] { r.Person?.Agreement is { } a ? N(a * 100, "F1") : "", r.Person is { } h ? N(h.CannotTell) : "" } : [],
                r.StopSetKappa is { } kappa ? N(kappa, "F3") : "", N(r.Training.Steps), N(r.Seconds.Total, "F1")]);
        return table;
    }
}
