using System.Text.Json;
using Trainyard.Registry;
using Trainyard.Tests.Docker;

namespace Trainyard.Tests.Deploy;

/// <summary>
/// CanaryDeploy end to end on the private engine: real gateway and server containers, real retrained models, real
/// traffic on loopback (<see cref="SteadyLoad"/>). Each test starts from v1 alone behind the gateway.
/// </summary>
[Collection(DockerEngineCollection.Name)]
public sealed partial class CanaryDeploys(PrivateDockerEngine docker, DeploySample sample)
{
    /// <summary>
    /// Requests per second through the gateway during a deploy: steady, well under what 2 cores serve (thousands), and
    /// enough that a 2 s window's score histograms are not noise: PSI between two samples of the same distribution is
    /// about (bins − 1)(1/n₁ + 1/n₂) from sampling alone (a χ² with bins − 1 degrees of freedom, scaled) — at 25% of
    /// 300/s, 150 and 450 scores over 10 bins: 0.08 on average, 0.25 at the 99.9th percentile. Hence the tests'
    /// score_psi bound of 0.35 (DeploySample); the shifted candidate measures far above it.
    /// </summary>
    const int Load = 300;

    [Fact]
    public async Task AGoodCandidateIsPromotedUnderLoadWithoutOneFailedRequest()
    {
        await sample.EnsureAsync(docker);
        var v2 = await sample.BuildAsync(docker, Candidate.Retrained);
        await sample.ResetAsync(docker);

        await using var load = new SteadyLoad(sample.Gateway, sample.Rows, Load);
        var result = await sample.DeployAsync(docker);
        await load.StopAsync();

        Assert.True(result.ExitCode == 0, sample.Repository.Output);
        Assert.Empty(load.Failures);
        Assert.True(load.ServedBy(v2) > 0 && load.ServedBy("v1") > 0, load.ToString());
        var routes = await sample.RoutesAsync();
        Assert.Equal(v2, routes.Stable?.Version);
        Assert.Null(routes.Canary);
        var move = (await sample.WithRegistryAsync(r => r.ReadHistoryAsync(CancellationToken.None))).Moves[^1];
        Assert.Equal((AliasName.Production, v2, "deploy"), (move.Alias, move.Version, move.Kind));
        Assert.StartsWith("promoted: 3 of 3 steps passed", move.Verdict);
        var deployments = await sample.WithRegistryAsync(r => r.ReadDeploymentsAsync(CancellationToken.None));
        Assert.Equal(("canary", v2, "v1", "promoted", 3), (deployments[^1].Kind, deployments[^1].Version, deployments[^1].FromVersion, deployments[^1].Outcome, deployments[^1].StepsPassed));
        Assert.Contains("Step 3 of 3", sample.Repository.Output);
        Console.WriteLine($"promoted {v2}: {load}");
    }

    [Theory]
    [InlineData("shifted", "score_psi")]
    [InlineData("errors", "success_rate")]
    [InlineData("slow", "p99_latency_ms")]
    public async Task ABadCandidateIsAbortedNamingTheCheckItFailed(string fault, string check)
    {
        await sample.EnsureAsync(docker);
        var candidate = await sample.BuildAsync(docker, fault == "shifted" ? Candidate.Shifted : Candidate.Retrained);
        await sample.ResetAsync(docker);
        await using var faulty = fault switch
        {
            "errors" => await sample.WithFaultAsync(docker, candidate, "TRAINYARD_FAULT_ERROR_RATE=0.2"),
            "slow" => await sample.WithFaultAsync(docker, candidate, "TRAINYARD_FAULT_DELAY_MS=300"),
            _ => null,
        };

        // Many workers, so requests stuck on a slow canary do not hold back the rest of the stream.
        await using var load = new SteadyLoad(sample.Gateway, sample.Rows, Load, workers: 48);
        var result = await sample.DeployAsync(docker);
        await load.StopAsync();

        Assert.True(result.ExitCode == 1, sample.Repository.Output);
        Assert.True(sample.Repository.Output.Contains($"CanaryDeploy aborted {candidate} at step 1", StringComparison.Ordinal), sample.Repository.Output);
        var said = sample.Repository.Output[sample.Repository.Output.IndexOf("CanaryDeploy aborted", StringComparison.Ordinal)..];
        Assert.True(said.Contains(check, StringComparison.Ordinal), sample.Repository.Output);
        // Nothing routed to stable failed: the only failures are the faulty canary's own answers.
        Assert.All(load.Failures, f => Assert.DoesNotContain("from v1", f));
        var routes = await sample.RoutesAsync();
        Assert.Equal(("v1", null, 0), (routes.Stable?.Version, routes.Canary, routes.CanaryWeight));
        var production = await sample.WithRegistryAsync(r => r.FindAsync(AliasName.Production, CancellationToken.None));
        Assert.Equal("v1", production?.Tag);
        var deployments = await sample.WithRegistryAsync(r => r.ReadDeploymentsAsync(CancellationToken.None));
        Assert.Equal(("aborted", candidate), (deployments[^1].Outcome, deployments[^1].Version));
        Assert.Contains(check, deployments[^1].Verdict);
        Console.WriteLine(said[..said.IndexOf('\n')]);
        var listed = await sample.RunAsync(docker, "Deployments", "--format", "json");
        Assert.Equal(0, listed.ExitCode);
        Console.WriteLine($"{fault}: {load}");
    }

    [Theory]
    [InlineData("fail", 1, "no data: 0 of 40 requests")]
    [InlineData("pass", 0, "without judging")]
    public async Task WithoutTrafficTheNoDataPolicyDecides(string policy, int exitCode, string said)
    {
        await sample.EnsureAsync(docker);
        var candidate = await sample.BuildAsync(docker, Candidate.Retrained);
        await sample.ResetAsync(docker);
        sample.WriteDeploy(sample.DeploySection($"  no_data: {policy}\n"));
        try
        {
            var result = await sample.DeployAsync(docker);

            Assert.True(result.ExitCode == exitCode, sample.Repository.Output);
            Assert.Contains(said, sample.Repository.Output);
            var routes = await sample.RoutesAsync();
            Assert.Equal(exitCode == 0 ? candidate : "v1", routes.Stable?.Version);
        }
        finally { sample.WriteDeploy(sample.DeploySection()); }
    }

    [Theory]
    [InlineData("--promote")]
    [InlineData("--abort")]
    public async Task AHeldCanaryServesBesideStableUntilDecidedByHand(string decision)
    {
        await sample.EnsureAsync(docker);
        var candidate = await sample.BuildAsync(docker, Candidate.Retrained);
        await sample.ResetAsync(docker);
        sample.WriteDeploy(sample.DeploySection("  hold: true\n").Replace("steps: [25, 50, 100]", "steps: [50]"));
        try
        {
            await using var load = new SteadyLoad(sample.Gateway, sample.Rows, Load);
            var held = await sample.DeployAsync(docker);
            Assert.True(held.ExitCode == 0, sample.Repository.Output);
            var before = (load.ServedBy("v1"), load.ServedBy(candidate));
            await Task.Delay(TimeSpan.FromSeconds(3));
            var during = (load.ServedBy("v1") - before.Item1, load.ServedBy(candidate) - before.Item2);
            var routes = await sample.RoutesAsync();
            Assert.Equal(("v1", candidate, 50), (routes.Stable?.Version, routes.Canary?.Version, routes.CanaryWeight));
            // About half each while held: a binomial share of 0.5 over ~900 requests stays within 0.4–0.6.
            var share = (double)during.Item2 / (during.Item1 + during.Item2);
            Assert.InRange(share, 0.4, 0.6);

            var decided = await sample.DeployAsync(docker, decision);
            await load.StopAsync();
            Assert.True(decided.ExitCode == 0, sample.Repository.Output);
            Assert.Empty(load.Failures);
            var serving = decision == "--promote" ? candidate : "v1";
            Assert.Equal((serving, null), ((await sample.RoutesAsync()).Stable?.Version, (await sample.RoutesAsync()).Canary?.Version));
            Assert.Equal(serving, (await sample.WithRegistryAsync(r => r.FindAsync(AliasName.Production, CancellationToken.None)))?.Tag);
            var deployments = await sample.WithRegistryAsync(r => r.ReadDeploymentsAsync(CancellationToken.None));
            Assert.Equal(["held", decision == "--promote" ? "promoted" : "aborted"], deployments.TakeLast(2).Select(d => d.Outcome));
            Console.WriteLine($"hold then {decision}: {share:P0} to the canary while held; {load}");
        }
        finally { sample.WriteDeploy(sample.DeploySection()); }
    }

    [Fact]
    public async Task RollbackBringsThePreviousVersionBackInSecondsUnderLoad()
    {
        await sample.EnsureAsync(docker);
        var v2 = await sample.BuildAsync(docker, Candidate.Retrained);
        await sample.ResetAsync(docker);
        await using var load = new SteadyLoad(sample.Gateway, sample.Rows, Load);
        var deployed = await sample.DeployAsync(docker);
        Assert.True(deployed.ExitCode == 0, sample.Repository.Output);
        Assert.Equal(v2, (await sample.RoutesAsync()).Stable?.Version);

        var clock = System.Diagnostics.Stopwatch.StartNew();
        var rolledBack = await sample.RunAsync(docker, "Rollback", "--reason", "p99 regression seen by the claims team");
        var took = clock.Elapsed;
        await Task.Delay(TimeSpan.FromSeconds(1));
        await load.StopAsync();

        Assert.True(rolledBack.ExitCode == 0, sample.Repository.Output);
        Assert.Empty(load.Failures);
        Assert.True(took < TimeSpan.FromSeconds(10), $"Rollback took {took.TotalSeconds:0.0}s");
        Assert.Equal("v1", (await sample.RoutesAsync()).Stable?.Version);
        var move = (await sample.WithRegistryAsync(r => r.ReadHistoryAsync(CancellationToken.None))).Moves[^1];
        Assert.Equal(("v1", "rollback", "deploy-tests"), (move.Version, move.Kind, move.Who));
        Assert.Contains("p99 regression seen by the claims team", move.Reason);
        var deployments = await sample.WithRegistryAsync(r => r.ReadDeploymentsAsync(CancellationToken.None));
        Assert.Equal(("rollback", "v1", v2), (deployments[^1].Kind, deployments[^1].Version, deployments[^1].FromVersion));
        Console.WriteLine($"rollback {took.TotalSeconds:0.0}s: {load}");
    }

    [Fact]
    public async Task RollbackWithoutAReasonIsRefusedAndChangesNothing()
    {
        await sample.EnsureAsync(docker);
        await sample.ResetAsync(docker);
        var result = await sample.RunAsync(docker, "Rollback");
        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains("--reason", sample.Repository.Output);
        Assert.Equal("v1", (await sample.RoutesAsync()).Stable?.Version);
    }

    [Fact]
    public async Task ACanaryThatNeverBecomesReadyIsAbortedWithItsLastLogLines()
    {
        await sample.EnsureAsync(docker);
        var candidate = await sample.BuildAsync(docker, Candidate.Retrained);
        await sample.ResetAsync(docker);
        await using var broken = await sample.WithFaultAsync(docker, candidate, "TRAINYARD_MODEL_REFERENCE=v999");

        var result = await sample.DeployAsync(docker);

        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains("v999", sample.Repository.Output);
        Assert.Equal(("v1", null), ((await sample.RoutesAsync()).Stable?.Version, (await sample.RoutesAsync()).Canary));
        var left = await docker.Engine.ListContainersAsync($"{Trainyard.Deploy.DeployLabels.Version}={candidate}", all: true, CancellationToken.None);
        Assert.Empty(left);
    }

    [Fact]
    public async Task AKilledDeployLeavesTrafficServingAndTheNextOneFinishesIt()
    {
        await sample.EnsureAsync(docker);
        var candidate = await sample.BuildAsync(docker, Candidate.Retrained);
        await sample.ResetAsync(docker);
        sample.WriteDeploy(sample.DeploySection().Replace("interval: 2s", "interval: 20s"));
        try
        {
            await using var load = new SteadyLoad(sample.Gateway, sample.Rows, Load);
            // The deploy is cancelled mid-step, as a killed CI job would leave it: no clean-up runs.
            var killed = sample.DeployAsync(docker);
            var deadline = DateTime.UtcNow.AddSeconds(60);
            while ((await sample.RoutesAsync()).CanaryWeight == 0 && DateTime.UtcNow < deadline) await Task.Delay(200);
            sample.Repository.Cancel();
            await killed;
            var left = await sample.RoutesAsync();
            Assert.Equal(("v1", candidate, 25), (left.Stable?.Version, left.Canary?.Version, left.CanaryWeight));
            sample.WriteDeploy(sample.DeploySection());

            var resumed = await sample.DeployAsync(docker);
            await load.StopAsync();

            Assert.True(resumed.ExitCode == 0, sample.Repository.Output);
            Assert.Contains($"A canary of {candidate} is already routed", sample.Repository.Output);
            Assert.Empty(load.Failures);
            Assert.Equal(candidate, (await sample.RoutesAsync()).Stable?.Version);
        }
        finally { sample.WriteDeploy(sample.DeploySection()); }
    }
}
