namespace Workbench.Selection;

/// <summary>
/// Base of the query strategies that choose from the candidates' penultimate embeddings (TypiClust, BADGE): a budget, an
/// empty pool answered with an empty result, and the embeddings required (a clear error names the strategy otherwise).
/// </summary>
public abstract class EmbeddingQuery : ISelectionStrategy
{
    /// <param name="budget">Number of candidates to choose, >= 1.</param>
    protected EmbeddingQuery(int budget) => Budget = SelectionRanking.CheckPositive(budget, nameof(budget));

    /// <summary>Number of candidates chosen (fewer when the pool is smaller).</summary>
    public int Budget { get; }

    /// <inheritdoc/>
    public abstract string Name { get; }

    /// <inheritdoc/>
    public bool NeedsEmbeddings => true;

    /// <summary>What the result of an empty pool says.</summary>
    protected abstract string EmptyPool { get; }

    /// <inheritdoc/>
    public SelectionResult Select(SelectionContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return context.Pool.Count == 0 ? SelectionResult.Empty(EmptyPool) : Choose(context, context.Pool.RequireEmbeddings(Name));
    }

    /// <summary>Chooses from a non-empty pool whose row-major embeddings are <paramref name="embeddings"/>.</summary>
    protected abstract SelectionResult Choose(SelectionContext context, float[] embeddings);
}
