namespace Workbench.Config;

/// <summary>How faithful a preset is to its paper.</summary>
public enum PresetProfile
{
    /// <summary>The paper's protocol (hours to days on a CPU).</summary>
    Full,
    /// <summary>The same protocol shrunk to run on 2 CPU cores in minutes: small network, small images (poster: cnn4 at 32 px, 20 epochs per round with a step floor).</summary>
    Quick,
}

/// <summary>Parsing of <see cref="PresetProfile"/> names.</summary>
public static class PresetProfiles
{
    /// <summary>"quick" or "full" (any case, surrounding spaces ignored).</summary>
    /// <exception cref="ArgumentException">Any other text, naming <paramref name="field"/>.</exception>
    public static PresetProfile Parse(string profile, string field = "profile")
    {
        ArgumentNullException.ThrowIfNull(profile);
        return profile.Trim().ToLowerInvariant() switch
        {
            "quick" => PresetProfile.Quick,
            "full" => PresetProfile.Full,
            _ => throw new ArgumentException($"unknown profile '{profile}'; use quick or full", field),
        };
    }
}
