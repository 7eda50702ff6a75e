namespace Workbench.Engine;

/// <summary>
/// Fp32: everything in float32. Bf16: as PyTorch's CPU autocast, convolutions and matrix products in bfloat16
/// while weights, gradients, optimizer state, loss and batch-norm statistics stay float32.
/// </summary>
public enum Precision
{
    Fp32 = 0,
    Bf16 = 1,
}

/// <summary>Names on the command line (fp32, bf16, auto) and the rule behind auto.</summary>
public static class Precisions
{
    /// <summary>The names a user may give; auto resolves per machine.</summary>
    public static IReadOnlyList<string> Names { get; } = ["fp32", "bf16", "auto"];

    /// <summary>
    /// The precision <paramref name="name"/> asks for on a processor with <paramref name="cpu"/>: auto is bf16 only
    /// where bf16 runs natively (emulated bf16 is slower than fp32, so it would cost accuracy for nothing).
    /// </summary>
    /// <exception cref="ArgumentException">A name other than fp32, bf16 or auto.</exception>
    public static Precision Resolve(string name, CpuFeatures cpu)
    {
        ArgumentNullException.ThrowIfNull(name);
        ArgumentNullException.ThrowIfNull(cpu);
        return name.Trim().ToLowerInvariant() switch
        {
            "fp32" => Precision.Fp32,
            "bf16" => Precision.Bf16,
            "auto" => cpu.HasNativeBf16 ? Precision.Bf16 : Precision.Fp32,
            _ => throw new ArgumentException($"unknown precision '{name}' (expected {string.Join(", ", Names)})", "--precision"),
        };
    }

    public static string ToName(this Precision precision) => precision switch
    {
        Precision.Fp32 => "fp32",
        Precision.Bf16 => "bf16",
        _ => throw new ArgumentOutOfRangeException(nameof(precision), precision, "unknown precision"),
    };
}
