namespace Workbench.Experiments;

/// <summary>One finished run of a reproduction: which strategy, split and seed, and its rounds.</summary>
public sealed record ReproductionRun(string Strategy, string Split, int Seed, string Directory,
    IReadOnlyList<Workbench.Loop.RoundResult> Rounds, double Seconds);
