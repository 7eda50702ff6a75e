using System.Diagnostics;
using System.Globalization;
using Workbench.Distributed;

namespace Workbench.Cli;

/// <summary>
/// `reproduce --jobs n`: n processes of this same command line, each told its part of the plan (`--part i/n`) and its share
/// of the threads. Separate processes rather than threads: a small CNN at 32 px uses a second libtorch thread poorly, while
/// two single-thread runs keep both cores busy; and every run stays exactly as repeatable as in one process (same seeds,
/// same thread count per run). Each worker's lines are passed through with a "[worker i/n]" prefix.
/// </summary>
internal static class ReproductionWorkers
{
    /// <summary>Runs the workers to the end; a failed worker does not stop the others (their runs are kept and resumable).</summary>
    public static void Run(int jobs, int threadsEach)
    {
        var arguments = LocalLauncher.WithoutOptions(Environment.GetCommandLineArgs().Skip(1), "--jobs", "--part", "--threads").ToList();
        var workers = new List<Process>();
        var gate = new Lock();
        try
        {
            for (int i = 0; i < jobs; i++)
            {
                var (file, list) = LocalLauncher.CurrentCommand([.. arguments, "--part", $"{i}/{jobs}", "--threads", threadsEach.ToString(CultureInfo.InvariantCulture)]);
                var start = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
                foreach (var argument in list) start.ArgumentList.Add(argument);
                var process = new Process { StartInfo = start };
                string prefix = $"[worker {i + 1}/{jobs}] ";
                process.OutputDataReceived += (_, e) => { if (e.Data is not null) lock (gate) Console.Out.WriteLine(prefix + e.Data); };
                process.ErrorDataReceived += (_, e) => { if (e.Data is not null) lock (gate) Console.Error.WriteLine(prefix + e.Data); };
                process.Start();
                process.BeginOutputReadLine();
                process.BeginErrorReadLine();
                workers.Add(process);
            }
            foreach (var process in workers) process.WaitForExit();
            var failed = workers.Select((p, i) => (Worker: i + 1, p.ExitCode)).Where(w => w.ExitCode != 0).ToList();
            if (failed.Count > 0)
                throw new InvalidOperationException($"{string.Join(", ", failed.Select(f => $"worker {f.Worker}/{jobs} exited with code {f.ExitCode}"))}; "
                    + "the finished runs and rounds are kept: run the same command again to resume");
        }
        finally
        {
            // Reached early only on an exception here (e.g. Ctrl+C): no worker outlives the command.
            foreach (var process in workers)
            {
                if (!process.HasExited) process.Kill(entireProcessTree: true);
                process.WaitForExit();
                process.Dispose();
            }
        }
    }
}
