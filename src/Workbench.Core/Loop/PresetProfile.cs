namespace Workbench.Loop;

/// <summary>How faithful a preset is to its paper.</summary>
public enum PresetProfile
{
    /// <summary>The paper's protocol (hours to days on a CPU).</summary>
    Full,
    /// <summary>The same protocol shrunk to run on 2 CPU cores in minutes: small network, small images (poster: cnn4 at 32 px, 80 epochs per round).</summary>
    Quick,
}
