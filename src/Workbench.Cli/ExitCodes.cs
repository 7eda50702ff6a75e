namespace Workbench.Cli;

/// <summary>What `workbench` returns; `workbench --help` lists them (a script tells a typo from a failed run by the code).</summary>
internal static class ExitCodes
{
    public const int Success = 0;

    /// <summary>The command line is wrong: unknown command or option, a value out of range, an unknown data set, strategy or architecture.</summary>
    public const int Usage = 1;

    /// <summary>The command could not do its work: missing data root or file, corrupt weights, a run folder of another config, a notebook cell failed.</summary>
    public const int Failure = 2;

    /// <summary>A bug in the Workbench: an unexpected exception (the stack trace is printed for a report).</summary>
    public const int InternalError = 3;

    /// <summary>Interrupted (Ctrl+C) before the work finished; a run folder resumes from its last finished round.</summary>
    public const int Interrupted = 130;

    public const string Help =
        "Exit codes: 0 success; 1 usage error (unknown command, option or value, e.g. an unknown data set, strategy or architecture); "
        + "2 failure (missing data or file, unreadable or unfitting weights, a run folder of another config, a failed notebook cell); "
        + "3 internal error (a bug: please report the printed stack trace); 130 interrupted (a run resumes from its last finished round).";
}
