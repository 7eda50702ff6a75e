using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Workbench.Display;

namespace Workbench.Kernel;

/// <summary>
/// Installs a kernelspec folder <c>kernels/NAME</c>. The default name is the one the committed notebooks
/// name in their metadata (<c>.net-csharp</c>, as .NET Interactive does), so they open without editing;
/// <c>interrupt_mode: message</c> makes Jupyter interrupt over the control channel instead of SIGINT.
/// </summary>
public static partial class KernelSpec
{
    /// <summary>The kernelspec name of the committed notebooks' metadata.</summary>
    public const string DefaultName = ".net-csharp";

    /// <summary>The display name of the committed notebooks' metadata.</summary>
    public const string DefaultDisplayName = ".NET (C#)";

    /// <summary>The language the kernelspec declares.</summary>
    public const string Language = "C#";

    /// <summary>
    /// Writes <c>kernel.json</c> and logos for <paramref name="launcher"/> (the command that starts
    /// <c>workbench</c>, e.g. dotnet + workbench.dll) under <paramref name="kernelsDirectory"/>; returns the folder.
    /// </summary>
    public static string Install(string kernelsDirectory, string name, string displayName, IReadOnlyList<string> launcher)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(kernelsDirectory);
        ArgumentNullException.ThrowIfNull(launcher);
        if (!ValidName().IsMatch(name ?? "")) throw new ArgumentException($"kernel name '{name}' may contain only letters, digits, '.', '_' and '-'", nameof(name));
        if (string.IsNullOrWhiteSpace(displayName)) throw new ArgumentException("display name must not be empty", nameof(displayName));
        if (launcher.Count == 0) throw new ArgumentException("launcher must name a program", nameof(launcher));
        string folder = Path.Combine(Path.GetFullPath(kernelsDirectory), name!);
        Directory.CreateDirectory(folder);
        var argv = new JsonArray(launcher.Concat(["kernel", "--connection-file", "{connection_file}"]).Select(a => (JsonNode?)JsonValue.Create(a)).ToArray());
        var spec = new JsonObject
        {
            ["argv"] = argv,
            ["display_name"] = displayName,
            ["language"] = Language,
            ["interrupt_mode"] = "message",
            ["metadata"] = new JsonObject { ["debugger"] = false },
        };
        File.WriteAllText(Path.Combine(folder, "kernel.json"), spec.ToJsonString(new JsonSerializerOptions { WriteIndented = true }) + "\n");
        File.WriteAllBytes(Path.Combine(folder, "logo-32x32.png"), Logo(32));
        File.WriteAllBytes(Path.Combine(folder, "logo-64x64.png"), Logo(64));
        return folder;
    }

    /// <summary>
    /// Jupyter's per-user kernels folder: $JUPYTER_DATA_DIR/kernels, else $XDG_DATA_HOME (or ~/.local/share)/jupyter/kernels
    /// on Linux, ~/Library/Jupyter/kernels on macOS, %APPDATA%\jupyter\kernels on Windows.
    /// </summary>
    public static string UserKernelsDirectory()
    {
        if (Environment.GetEnvironmentVariable("JUPYTER_DATA_DIR") is { Length: > 0 } data) return Path.Combine(data, "kernels");
        string home = Environment.GetFolderPath(Environment.SpecialFolder.UserProfile);
        if (OperatingSystem.IsWindows()) return Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.ApplicationData), "jupyter", "kernels");
        if (OperatingSystem.IsMacOS()) return Path.Combine(home, "Library", "Jupyter", "kernels");
        string xdg = Environment.GetEnvironmentVariable("XDG_DATA_HOME") is { Length: > 0 } x ? x : Path.Combine(home, ".local", "share");
        return Path.Combine(xdg, "jupyter", "kernels");
    }

    /// <summary>The kernels folder of an install prefix, as <c>jupyter kernelspec install --prefix</c>: PREFIX/share/jupyter/kernels.</summary>
    public static string PrefixKernelsDirectory(string prefix) => Path.Combine(Path.GetFullPath(prefix), "share", "jupyter", "kernels");

    /// <summary>A square logo: a white '#' on the blue of the chart palette.</summary>
    public static byte[] Logo(int size)
    {
        if (size < 16) throw new ArgumentOutOfRangeException(nameof(size), size, "logo must be at least 16 pixels");
        var rgb = new byte[size * size * 3];
        int bar = Math.Max(2, size / 10);
        int[] lines = [size * 3 / 8, size * 5 / 8];
        int margin = size / 5;
        for (int y = 0; y < size; y++)
        {
            for (int x = 0; x < size; x++)
            {
                bool inside = x >= margin && x < size - margin && y >= margin && y < size - margin;
                bool sharp = inside && lines.Any(l => Math.Abs(x - l) < bar / 2 + 1 || Math.Abs(y - l) < bar / 2 + 1);
                int i = (y * size + x) * 3;
                (rgb[i], rgb[i + 1], rgb[i + 2]) = sharp ? ((byte)255, (byte)255, (byte)255) : ((byte)0, (byte)114, (byte)178);
            }
        }
        return PngEncoder.EncodeRgb(rgb, size, size);
    }

    [GeneratedRegex("^[A-Za-z0-9._-]+$")]
    private static partial Regex ValidName();
}
