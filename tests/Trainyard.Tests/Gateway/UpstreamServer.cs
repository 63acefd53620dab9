using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Trainyard.Tests.Registry.Distribution;

namespace Trainyard.Tests.Gateway;

/// <summary>
/// A real HTTP server on a loopback port that answers like a model server of one version — POST /v1/predict gives a
/// prediction naming its version — and keeps the headers of every request it received. GET /slow answers only once
/// <see cref="ReleaseSlow"/> is called, so a test can hold a request in flight.
/// </summary>
internal sealed class UpstreamServer : IAsyncDisposable
{
    readonly WebApplication _app;
    readonly TaskCompletionSource _release = new(TaskCreationOptions.RunContinuationsAsynchronously);
    readonly TaskCompletionSource _slowArrived = new(TaskCreationOptions.RunContinuationsAsynchronously);

    UpstreamServer(WebApplication app, string url, string version)
    {
        _app = app;
        Url = url;
        Version = version;
    }

    public string Url { get; }
    public string Version { get; }
    public ConcurrentQueue<IHeaderDictionary> Received { get; } = new();
    /// <summary>Completes when a GET /slow has arrived (and is held).</summary>
    public Task SlowArrived => _slowArrived.Task;

    public void ReleaseSlow() => _release.TrySetResult();

    public static async Task<UpstreamServer> StartAsync(string version)
    {
        var url = $"http://127.0.0.1:{RegistryServer.FreePort()}";
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls(url);
        var app = builder.Build();
        var server = new UpstreamServer(app, url, version);
        app.Use((context, next) =>
        {
            server.Received.Enqueue(new HeaderDictionary(context.Request.Headers.ToDictionary(h => h.Key, h => h.Value, StringComparer.OrdinalIgnoreCase)));
            return next(context);
        });
        app.MapPost("/v1/predict", () => Results.Text($$"""{"label":"good","probability":0.25,"version":"{{version}}"}""", "application/json"));
        app.MapGet("/slow", async () =>
        {
            server._slowArrived.TrySetResult();
            await server._release.Task;
            return Results.Text($"slow answer from {version}");
        });
        await app.StartAsync();
        return server;
    }

    public async ValueTask DisposeAsync()
    {
        _release.TrySetResult();
        await _app.DisposeAsync();
    }
}
