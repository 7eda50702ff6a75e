namespace Workbench.Config;

/// <summary>Which side of a combined recipe (ssl+al, cst+al) chooses first.</summary>
public enum SelectionOrder
{
    /// <summary>The AL strategy runs on all candidates; pseudo-labels are taken from what it left.</summary>
    QueriesFirst,
    /// <summary>Pseudo-labels are taken first and removed from the pool; the AL strategy runs on what remains (the poster).</summary>
    PseudoLabelsFirst,
}
