using Spectre.Console;
using Workbench.Data;
using Workbench.Engine;

namespace Workbench.Cli;

/// <summary>Runs a command body and turns expected failures into one clear line and exit code 2.</summary>
internal static class CommandRunner
{
    public static int Run(Func<int> body)
    {
        try
        {
            return body();
        }
        catch (Exception e) when (IsUserFacing(e))
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
        catch (Exception e) when (IsUserFacing(e))
        {
            return Report(e);
        }
    }

    private static bool IsUserFacing(Exception e) =>
        e is ArgumentException or DataSetException or EngineException or IOException or InvalidOperationException
            or UnauthorizedAccessException or FormatException or System.Text.Json.JsonException;

    private static int Report(Exception e)
    {
        AnsiConsole.MarkupLineInterpolated($"[red]error:[/] {e.Message}");
        return 2;
    }
}
