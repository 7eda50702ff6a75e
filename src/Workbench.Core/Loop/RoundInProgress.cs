// Loop layer: the partial record of the round being run.
using Workbench.Engine;
using Workbench.Metrics;

namespace Workbench.Loop;

/// <summary>What the steps of one round have produced so far; becomes a <see cref="RoundResult"/> when the round completes.</summary>
internal sealed class RoundInProgress(int round, int numClasses)
{
    private readonly System.Diagnostics.Stopwatch _clock = System.Diagnostics.Stopwatch.StartNew();

    public int Round { get; } = round;
    public int PoolSize { get; set; }
    public int Candidates { get; set; }
    public TimeSpan PredictTime { get; set; }
    public TimeSpan SelectTime { get; set; }
    public TimeSpan LabelTime { get; set; }
    public TimeSpan EvaluateTime { get; set; }
    public List<AddedSample> Added { get; } = [];
    public int CstConfirmed { get; set; }
    public int CstCorrected { get; set; }
    public int Rejected { get; set; }
    public TrainingSet? TrainingSet { get; set; }
    public float[]? ClassWeights { get; set; }
    public FitResult? Fit { get; set; }
    public ClassificationReport? Report { get; set; }
    public double? ValidationAccuracy { get; set; }
    public bool Labelled { get; set; }
    public PersonSummary? Person { get; set; }

    public RoundResult ToResult(LabelledSet labelled)
    {
        var fit = Fit ?? throw new InvalidOperationException($"Round {Round} cannot complete: Train() has not run.");
        var report = Report ?? throw new InvalidOperationException($"Round {Round} cannot complete: Evaluate() has not run since Train().");
        var training = TrainingSet!;

        var pseudo = Added.Where(a => a.Provenance == Provenance.PseudoLabel).ToList();
        var wrong = new int[numClasses];
        foreach (var sample in pseudo)
            if (sample.TrueLabel is int truth && truth != sample.Label) wrong[sample.Label]++;
        var checkable = pseudo.Count(s => s.TrueLabel is not null);
        double? precision = checkable == 0 ? null : (double)pseudo.Count(s => s.TrueLabel == s.Label) / checkable;

        var added = ProvenanceCounts.Zero(numClasses);
        foreach (var sample in Added) added.For(sample.Provenance)[sample.Label]++;

        var summary = new LabelledSummary(labelled.Counts(), added, precision, wrong, CstConfirmed, CstCorrected, Rejected);
        var trained = new TrainingSummary(training.Count, training.CountsByClass, ClassWeights!, fit.Steps,
            fit.Epochs.Count > 0 ? fit.Epochs[^1].Loss : double.NaN);
        var seconds = new RoundTimings(fit.Duration.TotalSeconds, PredictTime.TotalSeconds, SelectTime.TotalSeconds,
            LabelTime.TotalSeconds, EvaluateTime.TotalSeconds, _clock.Elapsed.TotalSeconds);
        return new RoundResult(Round, report, summary, trained, new PoolSummary(PoolSize, Candidates), seconds, ValidationAccuracy, Person);
    }
}
