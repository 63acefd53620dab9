using System.Collections.Concurrent;

namespace Trainyard.Tests.Registry.Distribution;

/// <summary>
/// Sits between a store and the real registry: records each exchange and runs the test's <see cref="BeforeSend"/>
/// hook before a request goes out — to see what the store asked for, or to stop the registry between two chunks.
/// </summary>
internal sealed class RegistryTraffic() : DelegatingHandler(new SocketsHttpHandler())
{
    public ConcurrentQueue<RegistryExchange> Exchanges { get; } = new();

    public Func<HttpRequestMessage, Task>? BeforeSend { get; set; }

    public IReadOnlyList<RegistryExchange> Sent(string method) => Exchanges.Where(e => e.Method == method).ToList();

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        if (BeforeSend is { } hook) await hook(request);
        var range = request.Content?.Headers.TryGetValues("Content-Range", out var values) == true ? values.First() : null;
        var sent = new RegistryExchange(request.Method.Method, request.RequestUri!.PathAndQuery, 0, range, request.Headers.Authorization?.Scheme);
        try
        {
            var response = await base.SendAsync(request, cancellationToken);
            Exchanges.Enqueue(sent with { Status = (int)response.StatusCode });
            return response;
        }
        catch
        {
            Exchanges.Enqueue(sent);
            throw;
        }
    }
}

/// <summary>One request the store sent and the status it got (0: no answer).</summary>
internal sealed record RegistryExchange(string Method, string PathAndQuery, int Status, string? ContentRange, string? AuthScheme);
