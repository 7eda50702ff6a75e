using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace Workbench.Distributed;

/// <summary>
/// Starts N real processes of one command line as the ranks of a run on this machine (torchrun's
/// --nproc-per-node): loopback rendezvous on a free port, RANK = LOCAL_RANK = 0..N-1, libtorch threads split
/// between them unless WORKBENCH_THREADS says otherwise. Rank 0's output is passed through; other ranks' lines
/// carry a "[rank r]" prefix. When a rank fails, the others are given the rendezvous timeout to notice and stop
/// on their own (they report why), then killed, so the launcher always returns.
/// </summary>
public static class LocalLauncher
{
    /// <summary>Runs the ranks and returns 0 when all succeed, else the exit code of the first rank that failed.</summary>
    public static int Run(string fileName, IReadOnlyList<string> arguments, int processes, TimeSpan? timeout = null,
        TextWriter? output = null, TextWriter? error = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(processes, 1);
        output ??= Console.Out;
        error ??= Console.Error;
        var grace = (timeout ?? Rendezvous.DefaultTimeout) + TimeSpan.FromSeconds(10);
        int port = FreeLoopbackPort();
        var threads = Environment.GetEnvironmentVariable("WORKBENCH_THREADS") is { Length: > 0 } set
            ? set
            : Math.Max(1, Environment.ProcessorCount / processes).ToString(System.Globalization.CultureInfo.InvariantCulture);
        var ranks = new List<Process>();
        var gate = new Lock();
        try
        {
            for (int rank = 0; rank < processes; rank++)
            {
                var start = new ProcessStartInfo(fileName) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
                foreach (var argument in arguments) start.ArgumentList.Add(argument);
                start.Environment[Rendezvous.MasterAddressVariable] = "127.0.0.1";
                start.Environment[Rendezvous.MasterPortVariable] = port.ToString(System.Globalization.CultureInfo.InvariantCulture);
                start.Environment[Rendezvous.WorldSizeVariable] = processes.ToString(System.Globalization.CultureInfo.InvariantCulture);
                start.Environment[Rendezvous.RankVariable] = rank.ToString(System.Globalization.CultureInfo.InvariantCulture);
                start.Environment[Rendezvous.LocalRankVariable] = rank.ToString(System.Globalization.CultureInfo.InvariantCulture);
                start.Environment["WORKBENCH_THREADS"] = threads;
                if (timeout is { } t)
                    start.Environment[Rendezvous.TimeoutVariable] = t.TotalSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
                var process = new Process { StartInfo = start };
                string prefix = rank == 0 ? "" : $"[rank {rank}] ";
                process.OutputDataReceived += (_, e) => { if (e.Data is not null) lock (gate) output.WriteLine(prefix + e.Data); };
                process.ErrorDataReceived += (_, e) => { if (e.Data is not null) lock (gate) error.WriteLine(prefix + e.Data); };
                process.Start();
                process.BeginOutputReadLine();
                process.BeginErrorReadLine();
                ranks.Add(process);
            }
            return Supervise(ranks, grace, error, gate);
        }
        finally
        {
            foreach (var process in ranks)
            {
                if (!process.HasExited) process.Kill(entireProcessTree: true);
                process.WaitForExit();
                process.Dispose();
            }
        }
    }

    private static int Supervise(List<Process> ranks, TimeSpan grace, TextWriter error, Lock gate)
    {
        int? failed = null, code = null;
        DateTime? deadline = null;
        while (ranks.Any(p => !p.HasExited))
        {
            for (int rank = 0; rank < ranks.Count && failed is null; rank++)
                if (ranks[rank].HasExited && ranks[rank].ExitCode != 0)
                {
                    (failed, code) = (rank, ranks[rank].ExitCode);
                    deadline = DateTime.UtcNow + grace;
                }
            if (DateTime.UtcNow > deadline)
            {
                lock (gate) error.WriteLine($"error: rank {failed} failed (exit code {code}) and other ranks did not stop within {grace.TotalSeconds:F0} s; stopping them");
                break;
            }
            Thread.Sleep(50);
        }
        foreach (var process in ranks.Where(p => p.HasExited)) process.WaitForExit();  // drains redirected output
        for (int rank = 0; rank < ranks.Count && failed is null; rank++)
            if (ranks[rank].ExitCode != 0) (failed, code) = (rank, ranks[rank].ExitCode);
        if (failed is null) return 0;
        lock (gate) error.WriteLine($"error: rank {failed} of {ranks.Count} exited with code {code}");
        return code ?? 1;
    }

    /// <summary>The command line that started this process (dotnet plus the entry assembly, or the app host).</summary>
    public static (string FileName, List<string> Arguments) CurrentCommand(IEnumerable<string> arguments)
    {
        var host = Environment.ProcessPath ?? throw new InvalidOperationException("cannot tell which program is running");
        var list = new List<string>();
        if (Path.GetFileNameWithoutExtension(host) == "dotnet")
            list.Add(System.Reflection.Assembly.GetEntryAssembly()?.Location
                ?? throw new InvalidOperationException("cannot tell which assembly is running"));
        list.AddRange(arguments);
        return (host, list);
    }

    /// <summary>The arguments without the given options and their values (`--opt v` and `--opt=v`), e.g. to start workers of this command.</summary>
    public static IEnumerable<string> WithoutOptions(IEnumerable<string> arguments, params string[] options)
    {
        ArgumentNullException.ThrowIfNull(arguments);
        bool skipNext = false;
        foreach (var argument in arguments)
        {
            if (skipNext) { skipNext = false; continue; }
            if (options.Contains(argument)) { skipNext = true; continue; }
            if (options.Any(o => argument.StartsWith(o + "=", StringComparison.Ordinal))) continue;
            yield return argument;
        }
    }

    private static int FreeLoopbackPort()
    {
        // Bind, read the port, release: rank 0 binds it again an instant later (the small race is torchrun's too).
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
