using Workbench.Oracle;

namespace Workbench.Loop;

/// <summary>
/// A round stopped after selection until a person has answered (labels/round-&lt;n&gt;/selection.json): the selection, the
/// pool it came from, and the model's top classes for every chosen sample. Saved before the person is asked, so a resumed
/// run continues with exactly these questions instead of predicting again.
/// </summary>
/// <param name="Round">The waiting round.</param>
/// <param name="Selection">Proposals and queries as <see cref="Experiment.Select"/> made them.</param>
/// <param name="PoolSize">The unlabelled pool at the start of the round.</param>
/// <param name="Top">The model's three most likely classes for every chosen sample id.</param>
public sealed record AwaitingSelection(int Round, RoundSelection Selection, int PoolSize, IReadOnlyDictionary<int, ClassProbability[]> Top)
{
    /// <summary>The saved selection as <see cref="Experiment.Select"/> returned it, with what the file keeps beside it.</summary>
    public RoundSelection ToSelection() => Selection with { Pool = new PoolSummary(PoolSize, Selection.Candidates), Top = Top };
}

/// <summary>
/// What a person said in a round, next to what the model proposed: with no test labels this is what tells how well the
/// model is doing.
/// </summary>
/// <param name="Queries">AL queries answered.</param>
/// <param name="QueriesAsModel">Queries the person gave the model's most likely class.</param>
/// <param name="Proposals">CST proposals reviewed.</param>
/// <param name="Confirmed">Proposals confirmed.</param>
/// <param name="Corrected">Proposals corrected.</param>
/// <param name="CannotTell">Queries and proposals the person could not decide (dropped).</param>
public sealed record PersonSummary(int Queries, int QueriesAsModel, int Proposals, int Confirmed, int Corrected, int CannotTell)
{
    /// <summary>Fraction of decided questions where the person gave the model's class; null when none was decided.</summary>
    public double? Agreement
    {
        get
        {
            int decided = Queries + Proposals - CannotTell;
            return decided == 0 ? null : (double)(QueriesAsModel + Confirmed) / decided;
        }
    }
}
