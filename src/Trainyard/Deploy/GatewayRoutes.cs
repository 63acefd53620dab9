using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Trainyard.Deploy;

/// <summary>A model server the gateway sends traffic to.</summary>
internal sealed record Upstream(string Url, string Version);

/// <summary>A caller the gateway admits: its name, and the SHA-256 of its key (never the key).</summary>
internal sealed record GatewayClient(string Name, string? KeySha256 = null);

/// <summary>
/// The gateway's routing state, as its admin API reads and writes it (docs/deploy.md, "The gateway"): the stable
/// upstream, the canary and its weight (0–100), the admitted callers. <see cref="Clients"/> null in a write = unchanged.
/// </summary>
internal sealed record GatewayRoutes(Upstream? Stable, Upstream? Canary, int CanaryWeight, IReadOnlyList<GatewayClient>? Clients = null, long Generation = 0)
{
    public static GatewayRoutes AllTo(Upstream stable) => new(stable, null, 0);

    public string Describe() => Stable is null ? "no model" : Canary is null || CanaryWeight == 0
        ? $"{Stable.Version} 100%" + (Canary is null ? "" : $", {Canary.Version} 0%")
        : $"{Stable.Version} {100 - CanaryWeight}%, {Canary.Version} {CanaryWeight}%";
}

/// <summary>The gateway's admin API (loopback, bearer token): reads and sets the routing state.</summary>
internal sealed class GatewayAdmin : IDisposable
{
    static readonly JsonSerializerOptions Json = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    readonly HttpClient _http;

    public GatewayAdmin(Uri adminUrl, string token)
    {
        Url = adminUrl;
        _http = new HttpClient { BaseAddress = adminUrl, Timeout = TimeSpan.FromSeconds(10) };
        _http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
    }

    public Uri Url { get; }

    /// <summary>The routing state; null when no gateway answers there.</summary>
    public async Task<GatewayRoutes?> TryReadAsync(CancellationToken cancellationToken)
    {
        try
        {
            using var response = await _http.GetAsync("/admin/state", cancellationToken);
            await RequireSuccessAsync(response, "GET", cancellationToken);
            return await response.Content.ReadFromJsonAsync<GatewayRoutes>(Json, cancellationToken);
        }
        catch (HttpRequestException) { return null; }
        catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested) { return null; }
    }

    public async Task<GatewayRoutes> ReadAsync(CancellationToken cancellationToken) =>
        await TryReadAsync(cancellationToken) ?? throw new TrainyardException($"the gateway's admin API at {Url} does not answer");

    public async Task<GatewayRoutes> WriteAsync(GatewayRoutes routes, CancellationToken cancellationToken)
    {
        using var response = await _http.PutAsJsonAsync("/admin/state", routes with { Generation = 0 }, Json, cancellationToken);
        await RequireSuccessAsync(response, "PUT", cancellationToken);
        return await response.Content.ReadFromJsonAsync<GatewayRoutes>(Json, cancellationToken)
            ?? throw new TrainyardException($"the gateway at {Url} answered PUT /admin/state with no state");
    }

    async Task RequireSuccessAsync(HttpResponseMessage response, string method, CancellationToken cancellationToken)
    {
        if (response.IsSuccessStatusCode) return;
        var body = await response.Content.ReadAsStringAsync(cancellationToken);
        throw new TrainyardException(response.StatusCode == HttpStatusCode.Unauthorized
            ? $"the gateway at {Url} refused the admin token (401): CanaryDeploy and Rollback must use the TRAINYARD_GATEWAY_TOKEN the gateway was started with"
            : $"the gateway at {Url} answered {method} /admin/state with {(int)response.StatusCode}: {body.Trim()}");
    }

    public void Dispose() => _http.Dispose();
}
