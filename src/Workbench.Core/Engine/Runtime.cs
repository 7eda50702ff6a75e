using System.Runtime.InteropServices;

namespace Workbench.Engine;

/// <summary>Process-wide engine settings: threads, devices, version.</summary>
public static class Runtime
{
    // Taken while the thread count is applied: a caller that finds the engine "configured" must
    // also see the setting in effect (a flag set before applying it let a concurrent first use
    // read libtorch's default of one thread).
    private static readonly Lock Gate = new();
    private static volatile bool _configured;

    /// <summary>libtorch defaults to one thread here; use every core unless told otherwise.</summary>
    public static void EnsureConfigured()
    {
        if (_configured) return;
        lock (Gate)
        {
            if (!_configured) Apply(DefaultThreads());
        }
    }

    private static void Apply(int threads)
    {
        NativeMethods.Check(NativeMethods.wb_set_num_threads(threads), $"setting {threads} threads");
        _configured = true;
    }

    private static int DefaultThreads() =>
        int.TryParse(Environment.GetEnvironmentVariable("WORKBENCH_THREADS"), out var n) && n > 0 ? n : Environment.ProcessorCount;

    /// <summary>Number of intra-op threads libtorch uses.</summary>
    public static int Threads
    {
        get => NativeMethods.wb_get_num_threads();
        set
        {
            if (value < 1) throw new ArgumentOutOfRangeException(nameof(value), value, "thread count must be >= 1");
            lock (Gate) Apply(value);
        }
    }

    /// <summary>
    /// The precision every model created from now on computes in (fp32 unless set; see <see cref="Precisions.Resolve"/>
    /// for auto). A model's own <see cref="Model.Precision"/> can still be changed.
    /// </summary>
    public static Precision Precision { get; set; } = Precision.Fp32;

    public static bool CudaAvailable => NativeMethods.wb_cuda_is_available() != 0;

    public static string Version => Marshal.PtrToStringUTF8(NativeMethods.wb_version()) ?? "?";
}
