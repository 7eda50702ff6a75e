using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Workbench.Oracle;

namespace Workbench.Labelling;

/// <summary>A request's error, as the page shows it.</summary>
public sealed record ApiError(string Error);

/// <summary>
/// The endpoints. The client names things only by queue id and class name; file paths come from the server's own queue
/// file, never from a request. Answers and undos are idempotent (see <see cref="QueueState"/>), so a retried or doubled
/// request (two tabs) neither duplicates nor loses an answer.
/// </summary>
internal static class LabelApi
{
    public const string TokenHeader = "X-Workbench-Token";

    public static void Map(WebApplication app, LabelServer server)
    {
        var expected = Encoding.UTF8.GetBytes(server.Token);
        app.Use(async (context, next) =>
        {
            var given = context.Request.Headers[TokenHeader].FirstOrDefault() ?? context.Request.Query["token"].FirstOrDefault() ?? "";
            if (!CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(given), expected))
            {
                context.Response.StatusCode = StatusCodes.Status403Forbidden;
                await context.Response.WriteAsJsonAsync(new ApiError("forbidden: open the URL printed by `workbench label`, which carries the token"));
                return;
            }
            context.Response.Headers.CacheControl = "no-store";
            await next();
        });
        var session = server.Session;
        // The page's own assets need the token too; it is already in the page's URL, so it is written into the page.
        app.MapGet("/", () => Results.Text(Encoding.UTF8.GetString(Asset("index.html")).Replace("{{TOKEN}}", server.Token, StringComparison.Ordinal),
            "text/html; charset=utf-8"));
        app.MapGet("/app.js", () => Results.Bytes(Asset("app.js"), "text/javascript; charset=utf-8"));
        app.MapGet("/app.css", () => Results.Bytes(Asset("app.css"), "text/css; charset=utf-8"));
        app.MapGet("/api/state", () => Results.Json(StateView.Of(session, server.RunDirectory)));
        app.MapGet("/api/image/{**id}", (string id) => QueueId(id, session) is int q
            ? Images.Serve(session.Queue.Items[q].Image) : BadId(id, session));
        app.MapGet("/api/example/{label}/{index}", (string label, string index) =>
        {
            if (!int.TryParse(label, NumberStyles.None, CultureInfo.InvariantCulture, out int c) || c >= session.Queue.ClassNames.Count
                || !int.TryParse(index, NumberStyles.None, CultureInfo.InvariantCulture, out int k))
                return Results.BadRequest(new ApiError("examples are addressed as /api/example/<class number>/<index>"));
            var examples = session.Queue.Examples.FirstOrDefault(e => e.Label == c)?.Images ?? [];
            return k < examples.Count ? Images.Serve(examples[k]) : Results.NotFound(new ApiError($"class {c} has {examples.Count} examples"));
        });
        app.MapPost("/api/answer", async (HttpRequest request) =>
        {
            var body = await ReadJson(request);
            if (body is null) return Results.BadRequest(new ApiError("send JSON {\"queueId\": 3, \"answer\": \"<class name>\" | \"confirm\" | \"cannot-tell\"}"));
            int? id = body["queueId"] is JsonValue v && v.TryGetValue(out int n) ? n : null;
            if (id is null || (uint)id >= (uint)session.Queue.Items.Count)
                return BadId(body["queueId"]?.ToJsonString() ?? "(missing)", session);
            var text = body["answer"] is JsonValue a && a.TryGetValue(out string? s) ? s : null;
            var answer = text is null ? null : QueueCsv.ParseAnswer(text, session.Queue.ClassNames);
            if (answer is null)
                return Results.BadRequest(new ApiError($"'{text}' is not one of the classes ({string.Join(", ", session.Queue.ClassNames)}), confirm or cannot-tell"));
            return Reply(() => session.Answer(id.Value, answer, Source(request)), session, server.RunDirectory);
        });
        app.MapPost("/api/undo", async (HttpRequest request) =>
        {
            var body = await ReadJson(request);
            int? id = body?["queueId"] is JsonValue v && v.TryGetValue(out int n) ? n : null;
            long? seq = body?["seq"] is JsonValue w && w.TryGetValue(out long m) ? m : null;
            if (id is null || seq is null || (uint)id >= (uint)session.Queue.Items.Count)
                return Results.BadRequest(new ApiError("send JSON {\"queueId\": 3, \"seq\": 17}: the item and the answer to take back"));
            return Reply(() => session.Undo(id.Value, seq.Value, Source(request)), session, server.RunDirectory);
        });
        app.MapGet("/api/export.csv", () => Results.Text(session.Read(QueueCsv.Export), "text/csv; charset=utf-8"));
        app.MapPost("/api/import", async (HttpRequest request) =>
        {
            using var reader = new StreamReader(request.Body, Encoding.UTF8);
            var csv = await reader.ReadToEndAsync();
            try { return Results.Json(new { recorded = QueueCsv.Import(session, csv) }); }
            catch (FormatException e) { return Results.BadRequest(new ApiError(e.Message)); }
        });
        app.MapFallback(() => Results.NotFound(new ApiError("no such page")));
    }

    private static IResult Reply(Func<AnswerOutcome> act, LabelSession session, string runDirectory)
    {
        try
        {
            var outcome = act();
            return Results.Json(new { outcome.Recorded, outcome.Seq, State = StateView.Of(session, runDirectory) });
        }
        catch (QueueAnswerException e)
        {
            return Results.Json(new ApiError(e.Message), statusCode: StatusCodes.Status409Conflict);
        }
    }

    private static int? QueueId(string text, LabelSession session) =>
        int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out int q) && q < session.Queue.Items.Count ? q : null;

    private static IResult BadId(string text, LabelSession session) => Results.BadRequest(new ApiError(
        $"'{text}' is not a queue id: images and answers are addressed by queue id 0..{session.Queue.Items.Count - 1}, never by path"));

    private static async Task<JsonObject?> ReadJson(HttpRequest request)
    {
        try { return await JsonNode.ParseAsync(request.Body) as JsonObject; }
        catch (JsonException) { return null; }
    }

    private static string Source(HttpRequest request) => "page " + (request.Headers["X-Workbench-Tab"].FirstOrDefault() ?? "?");

    private static byte[] Asset(string name)
    {
        using var stream = typeof(LabelApi).Assembly.GetManifestResourceStream("wwwroot/" + name)
            ?? throw new InvalidOperationException($"The page asset {name} is missing from the assembly.");
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    }
}
