// Kernel tests: the kernel as Debian's jupyter_client sees it (protocol, interrupt, restart, bad input).
using Workbench.Tests.Notebooks;
using Xunit.Abstractions;

namespace Workbench.Tests.Kernel;

/// <summary>A fact skipped (not failed) when /usr/bin/python3 lacks jupyter_client; ./setup.sh installs it.</summary>
public sealed class JupyterClientFactAttribute : FactAttribute
{
    public JupyterClientFactAttribute()
    {
        if (JupyterTools.ClientUnavailable is { } why) Skip = why;
    }
}

/// <summary>
/// Starts the kernel through its kernelspec with jupyter_client and runs the checks of jupyter_checks.py:
/// each scenario prints "ok: …" per passed check and fails with the check's message.
/// </summary>
// In the notebook runners' collection: kernels, Jupyter and Chromium are CPU-heavy and must not squeeze the
// notebook runs' cell timeouts on a 2-core machine.
[Collection(NotebookRunnerCollection.Name)]
public sealed class JupyterClientTests(KernelSpecFixture spec, ITestOutputHelper log) : IClassFixture<KernelSpecFixture>
{
    [JupyterClientFact]
    public void Kernel_info_state_streams_errors_display_updates_completion_inspect_and_stdin() =>
        AssertScenario("protocol", "kernel_info", "stream order", "streamed while the cell runs", "status error reply",
            "stop_on_error", "update_display_data", "completion of Experiment members", "inspect", "is_complete", "input() over stdin", "comm_info");

    [JupyterClientFact]
    public void Completion_and_inspect_cover_earlier_cells_literals_qualified_names_LINQ_and_Workbench_docs() =>
        AssertScenario("completion", "'text.' offers Length", "'text.Len' offers Length", "'\"abc\".Len' offers Length",
            "'System.Math.Ma' offers Max", "'new[]{1,2}.Sel' offers Select", "'list.Where(x => x > 1).' offers Select",
            "'Presets.' offers Poster", "filters the members", "code points", "inspect text.Length", "inspect a Workbench method", "completion latency");

    [JupyterClientFact]
    public void Interrupt_stops_a_cooperative_cell_abandons_a_stubborn_one_and_the_kernel_goes_on() =>
        AssertScenario("interrupt", "interrupt stops a cell that checks Cancellation", "interrupt stops a cell that checks NotebookCancellation.Token", "state intact", "abandoned after the grace period");

    [JupyterClientFact]
    public void Restart_gives_a_fresh_state() => AssertScenario("restart", "restart gives a fresh state");

    [JupyterClientFact]
    public void Bad_messages_are_logged_and_dropped_and_10_MB_of_stdout_arrives_whole() =>
        AssertScenario("badinput", "without <IDS|MSG>", "wrong signature", "malformed JSON", "unknown message type", "BadRequest", "10 MB to stdout", "log line");

    private void AssertScenario(string scenario, params string[] checks)
    {
        Assert.True(spec.Installed, spec.InstallOutput);
        string script = Path.Combine(RepositoryPaths.Root, "tests", "Workbench.Tests", "Kernel", "jupyter_checks.py");
        string kernelLogPath = Path.Combine(spec.Prefix, scenario + ".log");
        var (exit, output) = JupyterTools.Run(JupyterTools.Python, [script, scenario, spec.Name, kernelLogPath], spec.Environment, spec.Prefix);
        string kernelLog = File.Exists(kernelLogPath) ? File.ReadAllText(kernelLogPath) : "(no kernel log)";
        // The checks' lines carry measurements (completion latency, stream timing) worth reading in the test log.
        log.WriteLine(output);
        Assert.True(exit == 0, $"{output}\n--- kernel log ---\n{kernelLog}");
        Assert.Contains($"done: {scenario}", output);
        foreach (string check in checks) Assert.Contains(check, output);
    }
}
