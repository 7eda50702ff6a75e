using System.CommandLine;
using System.Globalization;
using Workbench.Distributed;

namespace Workbench.Cli;

/// <summary>
/// `--nproc N` and the torchrun-style environment (MASTER_ADDR, MASTER_PORT, WORLD_SIZE, RANK, LOCAL_RANK) of the
/// commands that can run data-parallel.
/// </summary>
internal sealed class DistributedOptions
{
    public Option<int> Processes { get; } = new("--nproc")
    {
        Description = "Start N ranks of this command on this machine (loopback); across machines set MASTER_ADDR, MASTER_PORT, WORLD_SIZE, RANK instead",
        DefaultValueFactory = _ => 1,
    };

    public void AddTo(Command command) => command.Options.Add(Processes);

    /// <summary>Runs N local ranks of this very command line when --nproc > 1 and returns their exit code; null: carry on here.</summary>
    public int? LaunchIfAsked(ParseResult result)
    {
        int n = result.GetValue(Processes);
        if (n < 1) throw new ArgumentOutOfRangeException("--nproc", n, "must be >= 1");
        if (n == 1) return null;
        if (Rendezvous.FromEnvironment() is not null)
            throw new ArgumentException($"--nproc starts its own ranks: do not combine it with {Rendezvous.WorldSizeVariable}/{Rendezvous.RankVariable} in the environment");
        var (file, arguments) = LocalLauncher.CurrentCommand(LocalLauncher.WithoutOptions(Environment.GetCommandLineArgs().Skip(1), "--nproc"));
        var timeout = Environment.GetEnvironmentVariable(Rendezvous.TimeoutVariable) is { Length: > 0 } text
            && double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds) && seconds > 0
            ? TimeSpan.FromSeconds(seconds) : (TimeSpan?)null;
        return LocalLauncher.Run(file, arguments, n, timeout);
    }

    /// <summary>
    /// Joins the run the environment describes (null: a single process). Ranks other than 0 stay quiet on the
    /// console (rank 0 reports for the run) except for lines written with Console directly.
    /// </summary>
    public static ProcessGroup? Join()
    {
        if (Rendezvous.FromEnvironment() is not { WorldSize: > 1 } rendezvous) return null;
        var group = ProcessGroup.Join(rendezvous);
        // One line per rank on stderr: in a multi-machine run it is how a user sees who is in.
        Console.Error.WriteLine($"rank {rendezvous.Rank} of {rendezvous.WorldSize} joined ({rendezvous.Backend}, master {rendezvous.MasterAddress}:{rendezvous.MasterPort})");
        if (!group.IsRoot) Terminal.SilenceStandardOutput();
        return group;
    }

    /// <summary>
    /// Runs <paramref name="load"/> on rank 0 first, then on the others: rank 0 alone fills the image cache, the others
    /// read it. The wait is a collective, so rank 0's first decode must fit the timeout (`workbench data cache` first).
    /// </summary>
    public static T RootFirst<T>(ProcessGroup? group, Func<T> load)
    {
        if (group is { IsRoot: false }) group.Barrier();
        var value = load();
        if (group is { IsRoot: true }) group.Barrier();
        return value;
    }
}
