using Trainyard.Registry;

namespace Trainyard.Deploy;

/// <summary>
/// The moves CanaryDeploy and Rollback share: routing traffic away from a version and stopping it once drained,
/// promoting, checking a route end to end, and writing what happened to the registry (alias and deployment history).
/// </summary>
internal sealed class Traffic(DeployRequest request)
{
    /// <summary>Weight 0 at once, then the canary leaves the routes and is drained and stopped.</summary>
    public async Task<GatewayRoutes> RemoveCanaryAsync(GatewayRoutes routes, bool keep, CancellationToken cancellationToken)
    {
        if (routes.Canary is not { } canary) return routes;
        var back = await request.Provider.RouteAsync(new GatewayRoutes(routes.Stable, null, 0), cancellationToken);
        await request.Provider.StopAsync(canary.Version, keep, cancellationToken);
        return back;
    }

    /// <summary>The canary becomes stable at 100%; the old stable is drained and stopped.</summary>
    public async Task PromoteAsync(Upstream stable, Upstream canary, CancellationToken cancellationToken)
    {
        await request.Provider.RouteAsync(GatewayRoutes.AllTo(canary), cancellationToken);
        if (stable.Version != canary.Version) await request.Provider.StopAsync(stable.Version, keep: false, cancellationToken);
    }

    /// <summary>
    /// The version answers through the gateway: GET /readyz pinned to its route. The readiness the provider waited
    /// for proved the server; this proves the gateway reaches it.
    /// </summary>
    public async Task SmokeAsync(string version, CancellationToken cancellationToken)
    {
        var routes = await request.Provider.ReadRoutesAsync(cancellationToken)
            ?? throw new TrainyardException($"the gateway of {request.Model} stopped answering on {request.Provider.Where}");
        var route = routes.Canary?.Version == version ? "canary" : "stable";
        using var http = new HttpClient { BaseAddress = request.Provider.PublicUrl, Timeout = TimeSpan.FromSeconds(10) };
        using var ask = new HttpRequestMessage(HttpMethod.Get, "/readyz");
        ask.Headers.Add("X-Trainyard-Route", route);
        if (request.SmokeKey is { } key) ask.Headers.Add("X-Trainyard-Key", key);
        using var answer = await http.SendAsync(ask, cancellationToken);
        var servedBy = answer.Headers.TryGetValues("X-Trainyard-Version", out var values) ? values.FirstOrDefault() : null;
        if (!answer.IsSuccessStatusCode || servedBy != version)
            throw new TrainyardException($"smoke check: GET {request.Provider.PublicUrl}readyz pinned to {route} answered {(int)answer.StatusCode} " +
                $"from {servedBy ?? "no version"}, expected 200 from {version}");
    }

    /// <summary>Moves <c>production</c> to <paramref name="version"/> with the verdict, and records the deploy.</summary>
    public async Task RecordPromotionAsync(string version, string? from, DateTimeOffset started, int planned, int passed, string verdict,
        CancellationToken cancellationToken)
    {
        await request.Registry.MoveAliasAsync(AliasName.Production, version, $"CanaryDeploy: {verdict}", request.Who, cancellationToken, kind: "deploy", verdict: verdict);
        await RecordAsync("canary", version, from, started, passed, "promoted", verdict, null, cancellationToken, planned);
    }

    public Task RecordAsync(string kind, string version, string? from, DateTimeOffset started, int passed, string outcome, string verdict, string? reason,
        CancellationToken cancellationToken, int? planned = null) =>
        request.Registry.RecordDeploymentAsync(new DeploymentRecord
        {
            Kind = kind,
            Version = version,
            FromVersion = from,
            StartedAt = started,
            FinishedAt = request.Clock.GetUtcNow(),
            StepsPassed = passed,
            StepsPlanned = planned ?? request.Spec.Steps.Count,
            Outcome = outcome,
            Verdict = verdict,
            Who = request.Who,
            Reason = reason,
        }, cancellationToken);
}
