using System.Diagnostics;
using System.Globalization;
using System.Text.Json.Nodes;
using Workbench.Config;
using Workbench.Data;
using Workbench.Records;

namespace Workbench.Notebooks;

/// <summary>
/// What a report's header says about the run behind it: the day it ran, the commit of the checkout, the data sets and
/// the profile. Read from the session once the cells ran, so every notebook gets it without a line of its own: data sets
/// from the configs, data sets and records its variables hold, the profile from its <c>profile</c> parameter.
/// </summary>
/// <param name="Date">The UTC day the notebook ran (a day, not a time: committed copies carry no machine timing).</param>
/// <param name="Commit">The checkout's HEAD (short hash), or null outside a git checkout.</param>
/// <param name="DataSets">Data set names, sorted; empty when the notebook named none.</param>
/// <param name="Profile">The value of the notebook's <c>profile</c> variable, or null.</param>
public sealed record RunDescription(string Date, string? Commit, IReadOnlyList<string> DataSets, string? Profile)
{
    /// <summary>The description of a run that started at <paramref name="startedAt"/> with <paramref name="variables"/> at its end.</summary>
    public static RunDescription Of(IReadOnlyDictionary<string, object?> variables, string notebookDirectory, DateTimeOffset startedAt)
    {
        ArgumentNullException.ThrowIfNull(variables);
        var dataSets = variables.Values.Select(DataSetOf).OfType<string>().Where(n => n.Length > 0).Distinct(StringComparer.Ordinal)
            .Order(StringComparer.Ordinal).ToList();
        string? profile = variables.TryGetValue("profile", out var p) && p is string text && text.Length > 0 ? text : null;
        return new RunDescription(startedAt.UtcDateTime.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), GitCommit(notebookDirectory), dataSets, profile);
    }

    /// <summary>Adds the description to the runner's metadata object.</summary>
    public void WriteTo(JsonObject metadata)
    {
        ArgumentNullException.ThrowIfNull(metadata);
        metadata["executed_on"] = Date;
        if (Commit is not null) metadata["commit"] = Commit;
        if (DataSets.Count > 0) metadata["data_sets"] = new JsonArray([.. DataSets.Select(d => (JsonNode)JsonValue.Create(d))]);
        if (Profile is not null) metadata["profile"] = Profile;
    }

    private static string? DataSetOf(object? value) => value switch
    {
        ExperimentConfig config => config.DataSet,
        DataSet data => data.Name,
        ReproductionRecords records => records.Info.First.DataSet,
        _ => null,
    };

    private static string? GitCommit(string directory)
    {
        try
        {
            var start = new ProcessStartInfo("git", ["-C", directory, "rev-parse", "--short=10", "HEAD"])
            {
                RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false,
            };
            using var git = Process.Start(start);
            if (git is null) return null;
            string hash = git.StandardOutput.ReadToEnd().Trim();
            git.StandardError.ReadToEnd();
            return git.WaitForExit(10_000) && git.ExitCode == 0 && hash.Length > 0 ? hash : null;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            // No git on this machine: the header goes without a commit.
            return null;
        }
    }
}
