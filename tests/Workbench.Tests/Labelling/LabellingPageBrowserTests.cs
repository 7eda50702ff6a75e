using System.Diagnostics;
using System.Net.Http.Json;
using Microsoft.Playwright;
using Workbench.Oracle;
using Workbench.Tests.Data;
using Workbench.Tests.Loop;
using Workbench.Tests.Oracle;

namespace Workbench.Tests.Labelling;

/// <summary>
/// The labelling page in a real browser (Debian's chromium driven by Playwright, no browser download): a queue of 12
/// images labelled by keyboard, one answer undone, the server killed mid-way and restarted, and the round completes with
/// exactly the answers given. Screenshots go to the test output folder (labelling-screenshots/).
/// </summary>
public class LabellingPageBrowserTests
{
    private const string Chromium = "/usr/bin/chromium";

    /// <summary>`workbench label` as its own process, so that it can be killed like a crashed server.</summary>
    private sealed class ServerProcess : IDisposable
    {
        private readonly Process _process;

        public ServerProcess(string run)
        {
            var cli = new[] { "Release", "Debug" }.Select(c => Path.Combine(RepositoryPaths.Root, "src", "Workbench.Cli", "bin", c, "net10.0", "workbench.dll"))
                .Where(File.Exists).OrderByDescending(File.GetLastWriteTimeUtc).FirstOrDefault()
                ?? throw new FileNotFoundException("Build the CLI first (./setup.sh or dotnet build Workbench.sln -c Release): no workbench.dll found.");
            var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
            foreach (var arg in new[] { cli, "label", run }) start.ArgumentList.Add(arg);
            _process = Process.Start(start)!;
            for (string? line; (line = _process.StandardOutput.ReadLine()) is not null;)
                if (line.Trim().StartsWith("http://127.0.0.1:", StringComparison.Ordinal)) { Url = line.Trim(); return; }
            throw new InvalidOperationException("workbench label printed no URL: " + _process.StandardError.ReadToEnd());
        }

        public string Url { get; } = "";

        public void Kill()
        {
            _process.Kill(entireProcessTree: true); // no shutdown, no flush: like a crash
            _process.WaitForExit();
        }

        public void Dispose()
        {
            if (!_process.HasExited) Kill();
            _process.Dispose();
        }
    }

    [Fact]
    public async Task AQueueOf12IsLabelledByKeyboardAcrossAServerCrash()
    {
        Assert.True(File.Exists(Chromium), $"{Chromium} is missing: ./setup.sh installs Debian's chromium");
        using var temp = new TempFolder();
        var images = Directory.CreateDirectory(temp.Sub("images")).FullName;
        var run = temp.Sub("run");
        var queue = QueueFixture.Create(queries: 8, proposals: 4, k =>
        {
            var path = Path.Combine(images, $"cell{k}.png");
            File.WriteAllBytes(path, TinyPng.Encode(64, 64, (x, y) => ((byte)(k * 20), (byte)(x * 4), (byte)(y * 4))));
            return path;
        });
        LabelSession.Create(HumanOracle.QueueFolder(run, 1), queue);
        var shots = Directory.CreateDirectory(Path.Combine(AppContext.BaseDirectory, "labelling-screenshots")).FullName;

        // Keys per item: classes are 1 band, 2 segmented, 3 metamyelocyte; Enter confirms a proposal; X = cannot tell.
        // Items 8..11 are proposals of classes 2, 0, 1, 2.
        var keys = new[] { "1", "2", "3", "x", "2", "1", "3", "3", "Enter", "2", "x", "Enter" };
        var expected = new Dictionary<int, int?>
        {
            [100] = 0, [101] = 1, [102] = 2, [103] = null, [104] = 1, [105] = 0, [106] = 2, [107] = 2,
            [108] = 2, [109] = 1, [110] = null, [111] = 2,
        };
        Environment.SetEnvironmentVariable("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1");
        using var playwright = await Playwright.CreateAsync();
        await using var browser = await playwright.Chromium.LaunchAsync(new() { ExecutablePath = Chromium, Headless = true, Args = ["--no-sandbox"] });
        var page = await browser.NewPageAsync(new() { ViewportSize = new() { Width = 1280, Height = 800 } });

        async Task WaitAnswered(int n) =>
            await page.WaitForFunctionAsync($"document.body.dataset.answered === '{n}'", null, new() { Timeout = 15_000 });

        using (var server = new ServerProcess(run))
        {
            await page.GotoAsync(server.Url);
            await WaitAnswered(0);
            await page.ScreenshotAsync(new() { Path = Path.Combine(shots, "1-start.png") });
            for (int k = 0; k < 5; k++)
            {
                await page.Keyboard.PressAsync(keys[k]);
                await WaitAnswered(k + 1);
            }
            // A slip: item 5 answered 3, taken back with Backspace, then answered as meant.
            await page.Keyboard.PressAsync("3");
            await WaitAnswered(6);
            await page.Keyboard.PressAsync("Backspace");
            await WaitAnswered(5);
            Assert.Equal("5", await page.EvaluateAsync<string>("document.body.dataset.current"));
            for (int k = 5; k < 8; k++)
            {
                await page.Keyboard.PressAsync(keys[k]);
                await WaitAnswered(k + 1);
            }
            await page.ScreenshotAsync(new() { Path = Path.Combine(shots, "2-before-crash.png") });
            server.Kill();
        }

        // Every acknowledged answer survived the crash.
        Assert.Equal(8, LabelSession.ReadState(HumanOracle.QueueFolder(run, 1)).AnsweredCount);
        using (var server = new ServerProcess(run))
        {
            using (var anonymous = new HttpClient())
            {
                var root = new Uri(server.Url).GetLeftPart(UriPartial.Authority);
                Assert.Equal(403, (int)(await anonymous.GetAsync(root + "/api/state")).StatusCode);
                var token = new Uri(server.Url).Query.Split('=')[1];
                Assert.Equal(400, (int)(await anonymous.GetAsync($"{root}/api/image/..%2F..%2Fetc%2Fpasswd?token={token}")).StatusCode);
                var wrongClass = await anonymous.PostAsJsonAsync($"{root}/api/answer?token={token}", new { queueId = 8, answer = "giraffe" });
                Assert.Equal(400, (int)wrongClass.StatusCode);
            }
            await page.GotoAsync(server.Url);
            await WaitAnswered(8);
            Assert.Equal("8", await page.EvaluateAsync<string>("document.body.dataset.current")); // where it stopped
            await page.ScreenshotAsync(new() { Path = Path.Combine(shots, "3-after-restart.png") });
            for (int k = 8; k < 12; k++)
            {
                await page.Keyboard.PressAsync(keys[k]);
                await WaitAnswered(k + 1);
            }
            await page.WaitForSelectorAsync("#complete:not([hidden])");
            Assert.Contains("Round complete", await page.InnerTextAsync("#complete"));
            await page.ScreenshotAsync(new() { Path = Path.Combine(shots, "4-complete.png") });
        }

        var oracle = new HumanOracle(run);
        Assert.True(oracle.TryCollect(1));
        Assert.Equal(expected, LabelSession.ReadState(HumanOracle.QueueFolder(run, 1)).FinalLabels());
        Assert.All(expected, p => Assert.Equal(p.Value, oracle.Label(p.Key)));
        var journal = AnswerJournal.Read(Path.Combine(HumanOracle.QueueFolder(run, 1), LabelSession.JournalFile));
        Assert.Equal(14, journal.Count); // 12 answers + the slip + its undo: nothing duplicated, nothing lost
        Assert.Single(journal, e => e.IsUndo);
    }
}
