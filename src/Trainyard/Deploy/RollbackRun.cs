using Spectre.Console;
using System.Diagnostics;
using Trainyard.Registry;

namespace Trainyard.Deploy;

/// <summary>
/// Rollback: all traffic to the version production served before (or <c>--version</c>) at once — its server started
/// if it is not running — then the current one (and any canary) drained and stopped, the alias moved back, and who,
/// why and when recorded. Needs no other target: everything it needs is in the registry and on the gateway.
/// </summary>
internal sealed class RollbackRun(DeployRequest request)
{
    readonly Traffic _traffic = new(request);

    /// <returns>The version now serving, and how long moving the traffic took.</returns>
    public async Task<(string Version, TimeSpan Moved)> RunAsync(string? wanted, string reason, CancellationToken cancellationToken)
    {
        var (provider, registry, console) = (request.Provider, request.Registry, request.Console);
        var clock = Stopwatch.StartNew();
        var started = request.Clock.GetUtcNow();
        var routes = await provider.ReadRoutesAsync(cancellationToken)
            ?? throw new TrainyardException($"no gateway runs for {request.Model} on {provider.Where}: nothing to roll back (CanaryDeploy deploys the model first)");
        var current = routes.Stable?.Version
            ?? throw new TrainyardException($"the gateway of {request.Model} routes to no model: nothing to roll back (CanaryDeploy deploys one)");
        var history = await registry.ReadHistoryAsync(cancellationToken);
        var target = wanted ?? ModelRegistry.VersionBefore(history, current)
            ?? throw new TrainyardException($"production's history has no version before {current} to roll back to: name one with --version vN (Models lists them)");
        if (target == current && routes.Canary is null)
            throw new TrainyardException($"{target} already serves all traffic of {request.Model}: nothing to roll back to; name another version with --version");

        var version = await registry.FindAsync(target, cancellationToken)
            ?? throw new TrainyardException($"{registry.Location}: {request.Model} has no version {target}; Models lists them");
        var image = (await registry.ReadImagesAsync(version, cancellationToken)).LastOrDefault()?.Reference
            ?? throw new TrainyardException($"{target} of {request.Model} has no image: run Containerize for it (./build.sh Containerize on its commit)");

        console.WriteLine($"Rolling {request.Model} back from {current} to {target} ({image}) …");
        var server = await provider.StartAsync(target, image, cancellationToken);
        await provider.RouteAsync(GatewayRoutes.AllTo(server), cancellationToken);
        var moved = clock.Elapsed;
        console.WriteLine($"All traffic goes to {target} — moved {moved.TotalSeconds:0.0}s after the command started. Draining {string.Join(" and ", Leaving(routes, target))} …");
        foreach (var leaving in Leaving(routes, target))
            await provider.StopAsync(leaving, keep: false, cancellationToken);

        var verdict = $"rolled back from {current}: {reason}";
        await registry.MoveAliasAsync(AliasName.Production, target, $"Rollback: {reason}", request.Who, cancellationToken, kind: "rollback", verdict: verdict);
        await _traffic.RecordAsync("rollback", target, current, started, 0, "rolled back", verdict, reason, cancellationToken, planned: 0);
        console.WriteLine($"production → {target}, recorded: by {request.Who} at {request.Clock.GetUtcNow().UtcDateTime:yyyy-MM-dd HH:mm:ss} UTC, because {reason}.");
        return (target, moved);
    }

    static IEnumerable<string> Leaving(GatewayRoutes routes, string target) =>
        new[] { routes.Stable?.Version, routes.Canary?.Version }.OfType<string>().Where(v => v != target).Distinct();
}
