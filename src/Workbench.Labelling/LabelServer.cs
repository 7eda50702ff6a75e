using System.Net;
using System.Security.Cryptography;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Workbench.Oracle;

namespace Workbench.Labelling;

/// <summary>
/// Serves the labelling page of one label queue on 127.0.0.1 (Jupyter style: a random token in the URL; every request
/// without it gets 403). The queue's <see cref="LabelSession"/> is the source of truth: every answer is flushed to the
/// journal before the reply, so a page reload, a second tab or a killed server shows exactly the answers acknowledged.
/// </summary>
public sealed class LabelServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly LabelSession _session;

    private LabelServer(WebApplication app, LabelSession session, string token, string runDirectory)
    {
        _app = app;
        _session = session;
        Token = token;
        RunDirectory = runDirectory;
    }

    /// <summary>The secret every request must carry (query <c>token=</c> or header <c>X-Workbench-Token</c>).</summary>
    public string Token { get; }

    /// <summary>The run folder.</summary>
    public string RunDirectory { get; }

    /// <summary>The queue being answered.</summary>
    public LabelSession Session => _session;

    /// <summary>Base address, e.g. http://127.0.0.1:41234 (after <see cref="StartAsync"/>).</summary>
    public Uri BaseAddress { get; private set; } = new("http://127.0.0.1/");

    /// <summary>The address to open, token included.</summary>
    public Uri PageUrl => new(BaseAddress, "/?token=" + Token);

    /// <summary>
    /// Opens the latest queue of <paramref name="runDirectory"/> (or of <paramref name="round"/>) for answering; serves on
    /// <paramref name="port"/> (0 = any free port). <paramref name="token"/> defaults to 32 random bytes in hex.
    /// </summary>
    /// <exception cref="FileNotFoundException">The run has no label queue (its oracle is not a person, or no round waits yet).</exception>
    public static LabelServer Create(string runDirectory, int port = 0, int? round = null, string? token = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(runDirectory);
        runDirectory = Path.GetFullPath(runDirectory);
        int chosen = round ?? HumanOracle.LatestQueueRound(runDirectory)
            ?? throw new FileNotFoundException($"'{runDirectory}' has no label queue: run it with a person as oracle (--oracle human) until a round awaits labels.");
        var session = LabelSession.Open(HumanOracle.QueueFolder(runDirectory, chosen));
        try
        {
            token ??= Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(32));
            var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { ApplicationName = typeof(LabelServer).Assembly.GetName().Name });
            builder.Logging.ClearProviders();
            builder.WebHost.ConfigureKestrel(k => k.Listen(IPAddress.Loopback, port));
            var app = builder.Build();
            var server = new LabelServer(app, session, token, runDirectory);
            LabelApi.Map(app, server);
            return server;
        }
        catch
        {
            session.Dispose();
            throw;
        }
    }

    /// <summary>Starts listening.</summary>
    public async Task StartAsync(CancellationToken cancel = default)
    {
        await _app.StartAsync(cancel);
        var address = _app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        BaseAddress = new Uri(address.Replace("[::]", "127.0.0.1", StringComparison.Ordinal));
    }

    /// <summary>Waits until the server is stopped (Ctrl+C or <paramref name="cancel"/>).</summary>
    public Task WaitAsync(CancellationToken cancel = default) => _app.WaitForShutdownAsync(cancel);

    /// <summary>Stops the server and closes the journal.</summary>
    public async ValueTask DisposeAsync()
    {
        await _app.DisposeAsync();
        _session.Dispose();
    }
}
