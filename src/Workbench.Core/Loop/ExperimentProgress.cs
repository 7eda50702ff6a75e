using Workbench.Engine;

namespace Workbench.Loop;

/// <summary>
/// One progress report: the phase, the round being built and the number of rounds asked for, the epoch during
/// training, and a line of text. Reports are made synchronously on the experiment's thread.
/// </summary>
public sealed record ExperimentProgress(ExperimentPhase Phase, int Round, int Rounds, string Message, EpochResult? Epoch = null);
