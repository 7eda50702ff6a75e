namespace Workbench.Loop;

/// <summary>The step an experiment is in, for progress displays.</summary>
public enum ExperimentPhase
{
    /// <summary>Picking the initial labels and building the model.</summary>
    Initialize,
    /// <summary>Reading a run store back to continue an interrupted run.</summary>
    Resume,
    /// <summary>Predicting the unlabelled pool.</summary>
    PredictPool,
    /// <summary>Running the strategies.</summary>
    Select,
    /// <summary>The oracle's answers (CST review, AL queries) and adding samples to the labelled pool.</summary>
    Label,
    /// <summary>Training; <see cref="ExperimentProgress.Epoch"/> tells how far.</summary>
    Train,
    /// <summary>Predicting the test set.</summary>
    Evaluate,
    /// <summary>A round is complete (and saved when there is a store).</summary>
    RoundFinished,
    /// <summary>The experiment is over; <see cref="ExperimentProgress.Message"/> says why.</summary>
    Finished,
    /// <summary>A round waits for a person to answer its queue; run again once it is answered.</summary>
    AwaitingLabels,
}
