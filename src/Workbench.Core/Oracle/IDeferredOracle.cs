namespace Workbench.Oracle;

/// <summary>
/// An oracle that cannot answer at once: a person. After selection the loop hands it the round's questions
/// (<see cref="Ask"/>) and the round waits until <see cref="TryCollect"/> finds every question answered; then
/// <see cref="IOracle.Label"/> answers from what the person said. A simulated oracle answers at once and is not one of these.
/// </summary>
public interface IDeferredOracle : IOracle
{
    /// <summary>The questions already asked in <paramref name="round"/>, or null (the round has not reached the person yet).</summary>
    LabelQueue? AskedIn(int round);

    /// <summary>Saves the round's questions for the person; asking the same questions again changes nothing.</summary>
    void Ask(LabelQueue queue);

    /// <summary>True when every question of <paramref name="round"/> has an answer; <see cref="IOracle.Label"/> then answers from them.</summary>
    bool TryCollect(int round);
}
