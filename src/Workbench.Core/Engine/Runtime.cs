using System.Runtime.InteropServices;

namespace Workbench.Engine;

/// <summary>Process-wide engine settings: threads, devices, version.</summary>
public static class Runtime
{
    private static int _configured;

    /// <summary>libtorch defaults to one thread here; use every core unless told otherwise.</summary>
    public static void EnsureConfigured()
    {
        if (Interlocked.Exchange(ref _configured, 1) == 0) Threads = DefaultThreads();
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
            Interlocked.Exchange(ref _configured, 1);
            NativeMethods.Check(NativeMethods.wb_set_num_threads(value), $"setting {value} threads");
        }
    }

    public static bool CudaAvailable => NativeMethods.wb_cuda_is_available() != 0;

    public static string Version => Marshal.PtrToStringUTF8(NativeMethods.wb_version()) ?? "?";
}
