using System.Net;
using System.Net.Sockets;

namespace Trainyard.Tests.Deploy;

public sealed partial class CanaryDeploys
{
    /// <summary>no_data: pause waits for traffic (moving the deadline) instead of deciding; traffic then lets it finish.</summary>
    [Fact]
    public async Task WithPauseAStepWithoutTrafficWaitsForIt()
    {
        await sample.EnsureAsync(docker);
        var candidate = await sample.BuildAsync(docker, Candidate.Retrained);
        await sample.ResetAsync(docker);
        sample.WriteDeploy(sample.DeploySection("  no_data: pause\n"));
        try
        {
            var deploy = sample.DeployAsync(docker);
            var deadline = DateTime.UtcNow.AddSeconds(60);
            while (!sample.Repository.Output.Contains("no_data: pause", StringComparison.Ordinal) && DateTime.UtcNow < deadline) await Task.Delay(200);
            await using var load = new SteadyLoad(sample.Gateway, sample.Rows, Load);
            var result = await deploy;
            await load.StopAsync();

            Assert.True(result.ExitCode == 0, sample.Repository.Output);
            Assert.Contains("the progress deadline moves to", sample.Repository.Output);
            Assert.Equal(candidate, (await sample.RoutesAsync()).Stable?.Version);
            Assert.Empty(load.Failures);
        }
        finally { sample.WriteDeploy(sample.DeploySection()); }
    }

    [Fact]
    public async Task AServerPortInUseIsNamedAndNothingIsDeployed()
    {
        await sample.EnsureAsync(docker);
        await sample.BuildAsync(docker, Candidate.Retrained);
        await sample.ResetAsync(docker);
        // v1 holds the first server port; take the second, which the candidate would get.
        using var squatter = new TcpListener(IPAddress.Any, sample.ServerPorts[1]);
        squatter.Start();

        var result = await sample.DeployAsync(docker);

        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains($"port {sample.ServerPorts[1]} is in use on this host: choose a free one in deploy.server_ports", sample.Repository.Output);
        var routes = await sample.RoutesAsync();
        Assert.Equal(("v1", null), (routes.Stable?.Version, routes.Canary));
    }

    [Fact]
    public async Task AnImageTheEngineDoesNotHaveIsAClearError()
    {
        await sample.EnsureAsync(docker);
        var candidate = await sample.BuildAsync(docker, Candidate.Retrained);
        await sample.ResetAsync(docker);
        var reference = await sample.WithRegistryAsync(async registry =>
            (await registry.ReadImagesAsync((await registry.FindAsync(candidate, CancellationToken.None))!, CancellationToken.None))[^1].Reference);
        var colon = reference.LastIndexOf(':');
        // A second tag keeps the image while the version's tag is removed.
        await docker.Engine.TagImageAsync(reference, "trainyard-test/kept", "image", CancellationToken.None);
        await docker.Engine.RemoveImageAsync(reference, force: false, CancellationToken.None);
        try
        {
            var result = await sample.DeployAsync(docker);

            Assert.NotEqual(0, result.ExitCode);
            Assert.Contains(reference, sample.Repository.Output);
            Assert.DoesNotContain("   at ", sample.Repository.Output); // a message, not a stack trace
            Assert.Equal(("v1", null), ((await sample.RoutesAsync()).Stable?.Version, (await sample.RoutesAsync()).Canary));
        }
        finally { await docker.Engine.TagImageAsync("trainyard-test/kept:image", reference[..colon], reference[(colon + 1)..], CancellationToken.None); }
    }
}
