using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Workbench.Labelling;
using Workbench.Oracle;
using Workbench.Tests.Data;
using Workbench.Tests.Loop;
using Workbench.Tests.Oracle;

namespace Workbench.Tests.Labelling;

/// <summary>The labelling server over HTTP: the token gate, images by queue id only, class checks, two tabs on one queue.</summary>
public class LabelServerTests
{
    private static async Task<(LabelServer Server, HttpClient Client, TempFolder Temp)> Start()
    {
        var temp = new TempFolder();
        var images = temp.Sub("images");
        Directory.CreateDirectory(images);
        string Image(int k)
        {
            var path = Path.Combine(images, $"{k}.{(k == 3 ? "tif" : "png")}");
            File.WriteAllBytes(path, k == 3 ? TinyTiff.Solid(6, 6, 8, 30, 60, 90) : TinyPng.Solid(6, 6, (byte)k, 40, 50));
            return path;
        }
        var run = temp.Sub("run");
        LabelSession.Create(HumanOracle.QueueFolder(run, 1), QueueFixture.Create(queries: 3, proposals: 2, Image));
        var server = LabelServer.Create(run);
        await server.StartAsync();
        var client = new HttpClient { BaseAddress = server.BaseAddress };
        client.DefaultRequestHeaders.Add("X-Workbench-Token", server.Token);
        return (server, client, temp);
    }

    [Fact]
    public async Task EveryRequestWithoutTheTokenIsForbidden()
    {
        var (server, client, temp) = await Start();
        await using (server)
        using (temp)
        using (client)
        {
            using var anonymous = new HttpClient { BaseAddress = server.BaseAddress };
            foreach (var path in new[] { "/", "/app.js", "/app.css", "/api/state", "/api/image/0", "/api/export.csv", "/nothing", "/?token=wrong" })
                Assert.Equal(HttpStatusCode.Forbidden, (await anonymous.GetAsync(path)).StatusCode);
            Assert.Equal(HttpStatusCode.Forbidden, (await anonymous.PostAsJsonAsync("/api/answer", new { queueId = 0, answer = "band" })).StatusCode);
            Assert.Equal(HttpStatusCode.OK, (await anonymous.GetAsync("/?token=" + server.Token)).StatusCode);
            var page = await anonymous.GetStringAsync("/?token=" + server.Token);
            Assert.Contains($"/app.js?token={server.Token}", page); // the page's own assets carry it
            Assert.DoesNotContain("http", page.Replace("http-equiv", "")); // nothing from a CDN
            Assert.DoesNotContain(Directory.GetFiles(temp.Path, "journal.jsonl", SearchOption.AllDirectories), f => new FileInfo(f).Length > 0);
        }
    }

    [Fact]
    public async Task ImagesAreServedByQueueIdNeverByPath()
    {
        var (server, client, temp) = await Start();
        await using (server)
        using (temp)
        using (client)
        {
            var png = await client.GetAsync("/api/image/0");
            Assert.Equal("image/png", png.Content.Headers.ContentType!.MediaType);
            Assert.Equal(File.ReadAllBytes(server.Session.Queue.Items[0].Image!), await png.Content.ReadAsByteArrayAsync());
            var tiff = await client.GetAsync("/api/image/3"); // browsers cannot show TIFF: converted to PNG
            Assert.Equal("image/png", tiff.Content.Headers.ContentType!.MediaType);
            foreach (var bad in new[] { "/api/image/..%2F..%2Fetc%2Fpasswd", "/api/image/etc/passwd", "/api/image/%2Fetc%2Fpasswd", "/api/image/-1", "/api/image/99" })
            {
                var response = await client.GetAsync(bad);
                Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
                Assert.Contains("never by path", await response.Content.ReadAsStringAsync());
            }
        }
    }

    [Fact]
    public async Task UnknownClassesAreRejectedAndTwoTabsNeitherLoseNorDuplicateAnswers()
    {
        var (server, client, temp) = await Start();
        await using (server)
        using (temp)
        using (client)
        {
            var unknown = await client.PostAsJsonAsync("/api/answer", new { queueId = 0, answer = "giraffe" });
            Assert.Equal(HttpStatusCode.BadRequest, unknown.StatusCode);
            Assert.Contains("'giraffe' is not one of the classes (band, segmented, metamyelocyte)", await unknown.Content.ReadAsStringAsync());
            var confirmQuery = await client.PostAsJsonAsync("/api/answer", new { queueId = 0, answer = "confirm" });
            Assert.Equal(HttpStatusCode.Conflict, confirmQuery.StatusCode);

            // Two tabs send the same answers at the same time, and each tab answers other items too.
            var requests = Enumerable.Range(0, 10).Select(i => client.PostAsJsonAsync("/api/answer", new { queueId = 0, answer = "segmented" }))
                .Concat(Enumerable.Range(1, 4).Select(id => client.PostAsJsonAsync("/api/answer", new { queueId = id, answer = "band" })))
                .Concat(Enumerable.Range(1, 4).Select(id => client.PostAsJsonAsync("/api/answer", new { queueId = id, answer = "band" })));
            var replies = await Task.WhenAll(requests);
            Assert.All(replies, r => Assert.Equal(HttpStatusCode.OK, r.StatusCode));
            var state = JsonNode.Parse(await client.GetStringAsync("/api/state"))!;
            Assert.True(state["complete"]!.GetValue<bool>());
            var journal = LabelSession.ReadState(server.Session.Folder);
            Assert.Equal(5, journal.LastSeq); // one entry per item: no duplicate, none lost
            Assert.Equal(1, journal.AnswerOf(0)!.Answer.Label);

            // Undo by (item, seq): repeated, it takes back one answer only.
            long seq = journal.AnswerOf(2)!.Seq;
            for (int i = 0; i < 2; i++)
                Assert.Equal(HttpStatusCode.OK, (await client.PostAsJsonAsync("/api/undo", new { queueId = 2, seq })).StatusCode);
            Assert.Equal(6, LabelSession.ReadState(server.Session.Folder).LastSeq);
            Assert.Equal(4, JsonNode.Parse(await client.GetStringAsync("/api/state"))!["answered"]!.GetValue<int>());
        }
    }
}
