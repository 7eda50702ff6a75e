using System.CommandLine;
using Workbench.Data;

namespace Workbench.Cli;

/// <summary>`--crop N`: a nucleus-centred square of N original pixels before resizing, on every command that sets an image size.</summary>
internal static class CropOption
{
    public static Option<int?> Create() => new("--crop")
    {
        Description = "Cut a square of N original pixels around each image's nucleus before resizing to the image size "
            + $"(clamped inside the frame; centred when no nucleus is found); 0 = the whole frame. Cached separately per crop",
    };

    /// <summary>The crop asked for (0 when not given), checked with the config's rule so both say the same.</summary>
    public static int Parse(ParseResult result, Option<int?> option)
    {
        int crop = result.GetValue(option) ?? 0;
        if (NucleusCrop.Problem(crop) is { } problem) throw new ArgumentException($"--crop {problem}", "--crop");
        return crop;
    }
}
