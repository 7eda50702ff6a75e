namespace Workbench.Engine;

/// <summary>
/// The processor's name and its bf16 instructions, as Linux reports them in /proc/cpuinfo: AVX512_BF16 (bf16 dot
/// products in AVX-512, e.g. Intel Cooper Lake and Sapphire Rapids, AMD Zen 4) and AMX_BF16 (Intel's tile units).
/// Without either, oneDNN emulates bf16 in float32 arithmetic: correct, but slower than float32 itself.
/// </summary>
public sealed record CpuFeatures(string ModelName, bool Avx512Bf16, bool AmxBf16)
{
    /// <summary>Whether bf16 convolutions and matrix products run natively.</summary>
    public bool HasNativeBf16 => Avx512Bf16 || AmxBf16;

    /// <summary>The machine this process runs on (an unreadable /proc/cpuinfo reads as no bf16).</summary>
    public static CpuFeatures Current { get; } = ReadCurrent();

    /// <summary>Reads the text of /proc/cpuinfo; the first processor's "model name" and "flags" lines decide.</summary>
    public static CpuFeatures Parse(string cpuinfo)
    {
        ArgumentNullException.ThrowIfNull(cpuinfo);
        string? model = null;
        HashSet<string>? flags = null;
        foreach (var line in cpuinfo.Split('\n'))
        {
            int colon = line.IndexOf(':');
            if (colon < 0) continue;
            var key = line[..colon].Trim();
            var value = line[(colon + 1)..].Trim();
            if (model is null && key == "model name") model = value;
            // x86 says "flags"; the key is kept exact so that another architecture's "Features" never matches x86 names.
            if (flags is null && key == "flags") flags = [.. value.Split(' ', StringSplitOptions.RemoveEmptyEntries)];
        }
        flags ??= [];
        return new CpuFeatures(model ?? "unknown processor", flags.Contains("avx512_bf16"), flags.Contains("amx_bf16"));
    }

    private static CpuFeatures ReadCurrent()
    {
        try
        {
            return Parse(File.ReadAllText("/proc/cpuinfo"));
        }
        catch (IOException)
        {
            return new CpuFeatures("unknown processor", false, false);
        }
        catch (UnauthorizedAccessException)
        {
            return new CpuFeatures("unknown processor", false, false);
        }
    }

    /// <summary>One line for `workbench info` and benchmark headers.</summary>
    public override string ToString() =>
        $"{ModelName} (avx512_bf16: {(Avx512Bf16 ? "yes" : "no")}, amx_bf16: {(AmxBf16 ? "yes" : "no")})";
}
