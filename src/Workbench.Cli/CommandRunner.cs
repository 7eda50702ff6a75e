using Workbench.Data;
using Workbench.Engine;

namespace Workbench.Cli;

/// <summary>Runs a command body and turns every exception into one clear line on standard error and an exit code (<see cref="ExitCodes"/>).</summary>
internal static class CommandRunner
{
    public static int Run(Func<int> body)
    {
        try
        {
            return body();
        }
        catch (Exception e)
        {
            return Report(e);
        }
    }

    public static async Task<int> RunAsync(Func<Task<int>> body)
    {
        try
        {
            return await body();
        }
        catch (Exception e)
        {
            return Report(e);
        }
    }

    /// <summary>The exit code for an exception that ended a command.</summary>
    public static int ExitCodeFor(Exception e) => e switch
    {
        OperationCanceledException => ExitCodes.Interrupted,
        // The command line is fine; the folder it names holds another run (which is kept as it is).
        Workbench.Config.ConfigMismatchException => ExitCodes.Failure,
        // Unknown names and out-of-range values: the user typed something the command does not take.
        ArgumentException => ExitCodes.Usage,
        DataSetException or EngineException or IOException or InvalidDataException or InvalidOperationException
            or UnauthorizedAccessException or FormatException or System.Text.Json.JsonException or NotSupportedException => ExitCodes.Failure,
        _ => ExitCodes.InternalError,
    };

    private static int Report(Exception e)
    {
        int code = ExitCodeFor(e);
        switch (code)
        {
            case ExitCodes.Interrupted:
                Terminal.Error("interrupted:", e.Message);
                break;
            case ExitCodes.InternalError:
                Terminal.Error("internal error:", $"{e.GetType().FullName}: {e.Message}");
                Terminal.Error("  please report this with the trace:", Environment.NewLine + e.StackTrace);
                break;
            default:
                Terminal.Error("error:", e.Message);
                break;
        }
        return code;
    }
}
