using Spectre.Console;
using Trainyard.Deploy.Analysis;
using Trainyard.Registry;

namespace Trainyard.Deploy;

/// <summary>How a CanaryDeploy ended (an abort is an exception: exit 1).</summary>
internal enum DeployOutcome { Promoted, Held, Unchanged }

/// <summary>
/// One CanaryDeploy: the candidate version runs beside stable, takes each step's share of the traffic for
/// <c>interval</c>, and each step is judged on the window's live metrics (<see cref="StepAnalysis"/>); then it is
/// promoted, or aborted at the first step that fails <c>failure_limit</c> times, or held (A/B). docs/deploy.md.
/// </summary>
internal sealed class CanaryRun(DeployRequest request)
{
    readonly Traffic _traffic = new(request);

    public async Task<DeployOutcome> RunAsync(string version, string image, HeldDecision decision, CancellationToken cancellationToken)
    {
        var (spec, provider, console) = (request.Spec, request.Provider, request.Console);
        var started = request.Clock.GetUtcNow();
        var routes = await provider.ReadRoutesAsync(cancellationToken);
        if (decision != HeldDecision.None)
            return await DecideHeldAsync(routes, decision, started, cancellationToken);
        if (routes?.Stable?.Version == version && routes.Canary is null)
        {
            console.WriteLine($"{version} already serves all traffic of {request.Model} at {provider.PublicUrl}: nothing to deploy.");
            return DeployOutcome.Unchanged;
        }
        if (routes?.Canary is { } stale && stale.Version != version)
        {
            console.WriteLine($"A canary of {stale.Version} is still routed ({routes.Describe()}), left by a CanaryDeploy that did not finish: taking it out first.");
            routes = await _traffic.RemoveCanaryAsync(routes, keep: false, cancellationToken);
        }
        else if (routes?.Canary is { Version: var resumed } && resumed == version)
            console.WriteLine($"A canary of {version} is already routed ({routes.Describe()}), left by a CanaryDeploy that did not finish: judging it again from the first step.");

        routes = await provider.EnsureGatewayAsync(cancellationToken);
        console.WriteLine($"Starting {version} ({image}) on {provider.Where} …");
        var canary = await provider.StartAsync(version, image, cancellationToken);
        console.WriteLine($"{version} is ready at {canary.Url}.");

        if (routes.Stable is not { } stable)
        {
            // Nothing to compare with: the readiness check (the server's self-test on the package's examples) is the analysis.
            await provider.RouteAsync(GatewayRoutes.AllTo(canary), cancellationToken);
            await _traffic.SmokeAsync(version, cancellationToken);
            const string verdict = "first deploy: no stable version to compare with, so it took 100% after its readiness and smoke checks";
            console.WriteLine($"{version} serves all traffic at {provider.PublicUrl} — {verdict}.");
            await _traffic.RecordPromotionAsync(version, null, started, spec.Steps.Count, 0, verdict, cancellationToken);
            return DeployOutcome.Promoted;
        }
        return await StepThroughAsync(stable, canary, started, cancellationToken);
    }

    async Task<DeployOutcome> StepThroughAsync(Upstream stable, Upstream canary, DateTimeOffset started, CancellationToken cancellationToken)
    {
        var (spec, console) = (request.Spec, request.Console);
        var deadline = started + spec.ProgressDeadline;
        var (failures, passed) = (0, 0);
        var judgedNothing = true;
        for (var step = 0; step < spec.Steps.Count; step++)
        {
            var weight = spec.Steps[step];
            var routes = await request.Provider.RouteAsync(new GatewayRoutes(stable, canary, weight), cancellationToken);
            if (step == 0) await _traffic.SmokeAsync(canary.Version, cancellationToken);
            while (true)
            {
                console.WriteLine($"Step {step + 1} of {spec.Steps.Count}: {routes.Describe()} — measuring for {Seconds(spec.Interval)} …");
                var window = await MeasureAsync(routes, canary, weight == 100 ? null : stable, cancellationToken);
                var verdict = StepAnalysis.Judge(weight == 100 ? WithoutStable(spec) : spec, window);
                StepReport.Write(console, window, verdict);
                var outcome = verdict.Outcome;
                if (outcome == StepOutcome.NoData)
                    switch (spec.NoData)
                    {
                        case Pipelines.NoDataPolicy.Pause:
                            deadline += spec.Interval;
                            console.WriteLine($"  no_data: pause — measuring step {step + 1} again; the progress deadline moves to {deadline:HH:mm:ss} UTC.");
                            continue;
                        case Pipelines.NoDataPolicy.Pass:
                            console.WriteLine("  no_data: pass — the step passes without being judged.");
                            outcome = StepOutcome.Passed;
                            break;
                        default:
                            console.WriteLine("  no_data: fail — a step without data counts as failed.");
                            outcome = StepOutcome.Failed;
                            break;
                    }
                else judgedNothing = false;

                if (outcome == StepOutcome.Failed && ++failures >= spec.FailureLimit)
                    return await AbortAsync(stable, canary, started, step, passed, verdict, cancellationToken);
                if (request.Clock.GetUtcNow() > deadline)
                    return await AbortAsync(stable, canary, started, step, passed,
                        verdict with { Summary = $"progress deadline: not done within {Seconds(spec.ProgressDeadline)} (deploy.progress_deadline)" }, cancellationToken);
                if (outcome == StepOutcome.Failed)
                {
                    console.WriteLine($"  {failures} of {spec.FailureLimit} failures allowed (deploy.failure_limit): measuring step {step + 1} again.");
                    continue;
                }
                passed++;
                break;
            }
        }
        if (spec.Hold)
        {
            var held = $"held at {spec.Steps[^1]}% after {passed} passed step(s): both versions serve until CanaryDeploy --promote or --abort";
            console.WriteLine($"{canary.Version} is {held}.");
            await _traffic.RecordAsync("canary", canary.Version, stable.Version, started, passed, "held", held, null, cancellationToken);
            return DeployOutcome.Held;
        }
        var summary = judgedNothing
            ? $"promoted without judging anything: every step had too little traffic and deploy.no_data is pass"
            : $"promoted: {passed} of {spec.Steps.Count} steps passed their checks";
        await _traffic.PromoteAsync(stable, canary, cancellationToken);
        console.WriteLine($"{canary.Version} serves all traffic at {request.Provider.PublicUrl}; {stable.Version} was drained and stopped — {summary}.");
        await _traffic.RecordPromotionAsync(canary.Version, stable.Version, started, spec.Steps.Count, passed, summary, cancellationToken);
        return DeployOutcome.Promoted;
    }

    async Task<StepWindow> MeasureAsync(GatewayRoutes routes, Upstream canary, Upstream? stable, CancellationToken cancellationToken)
    {
        var metrics = request.MetricsFor(request.Provider.Endpoints(routes));
        await metrics.BeginAsync(cancellationToken);
        await Task.Delay(request.Spec.Interval, request.Clock, cancellationToken);
        return await metrics.EndAsync(canary.Version, stable?.Version, cancellationToken);
    }

    async Task<DeployOutcome> AbortAsync(Upstream stable, Upstream canary, DateTimeOffset started, int step, int passed, StepVerdict verdict,
        CancellationToken cancellationToken)
    {
        var spec = request.Spec;
        var why = verdict.Checks.FirstOrDefault(c => !c.Passed)?.Detail ?? verdict.Summary;
        await _traffic.RemoveCanaryAsync(new GatewayRoutes(stable, canary, spec.Steps[step]), keep: spec.AbortKeep > TimeSpan.Zero, cancellationToken);
        await _traffic.RecordAsync("canary", canary.Version, stable.Version, started, passed, "aborted", $"step {step + 1} ({spec.Steps[step]}%): {why}", null, cancellationToken);
        throw new TrainyardException($"CanaryDeploy aborted {canary.Version} at step {step + 1} of {spec.Steps.Count} ({spec.Steps[step]}%): {why}. " +
            $"All traffic is back on {stable.Version}; production still points at {stable.Version}" +
            (spec.AbortKeep > TimeSpan.Zero ? $"; the canary's container is kept, stopped, for its logs (docker logs {DeployLabels.ContainerName(request.Model, canary.Version)}) until a deploy or rollback after {Seconds(spec.AbortKeep)} clears it." : "."));
    }

    async Task<DeployOutcome> DecideHeldAsync(GatewayRoutes? routes, HeldDecision decision, DateTimeOffset started, CancellationToken cancellationToken)
    {
        var flag = decision == HeldDecision.Promote ? "--promote" : "--abort";
        if (routes is not { Stable: { } stable, Canary: { } canary })
            throw new TrainyardException($"CanaryDeploy {flag}: no canary is held for {request.Model} on {request.Provider.Where} ({routes?.Describe() ?? "nothing deployed"}); run CanaryDeploy without {flag} to deploy");
        if (decision == HeldDecision.Abort)
        {
            await _traffic.RemoveCanaryAsync(routes, keep: false, cancellationToken);
            request.Console.WriteLine($"Aborted the held canary {canary.Version}: all traffic is on {stable.Version} again.");
            await _traffic.RecordAsync("canary", canary.Version, stable.Version, started, 0, "aborted", "held canary aborted by hand (--abort)", null, cancellationToken);
            return DeployOutcome.Unchanged;
        }
        await _traffic.PromoteAsync(stable, canary, cancellationToken);
        const string verdict = "held canary promoted by hand (--promote)";
        request.Console.WriteLine($"Promoted the held canary {canary.Version}: it serves all traffic; {stable.Version} was drained and stopped.");
        await _traffic.RecordPromotionAsync(canary.Version, stable.Version, started, request.Spec.Steps.Count, request.Spec.Steps.Count, verdict, cancellationToken);
        return DeployOutcome.Promoted;
    }

    /// <summary>
    /// At 100% stable gets no traffic, so nothing can be compared with it: the checks against stable (and
    /// score_psi, canary against stable) are left out of that step, and the absolute ones decide.
    /// </summary>
    static Pipelines.DeploySpec WithoutStable(Pipelines.DeploySpec spec) =>
        spec with { Checks = [.. spec.Checks.Where(c => !c.AgainstBaseline && c.Metric != "score_psi")] };

    static string Seconds(TimeSpan t) => t.TotalSeconds < 120 ? $"{t.TotalSeconds:0.#}s" : $"{t.TotalMinutes:0.#}m";
}
