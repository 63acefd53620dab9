using System.Net;
using System.Net.Sockets;
using Trainyard.Docker;

namespace Trainyard.Tests.Docker;

[Collection(DockerEngineCollection.Name)]
public sealed class EngineConnectionTests(PrivateDockerEngine docker)
{
    [Fact]
    public void ConnectingNegotiatesTheLowerOfTheEnginesAndOurApiVersion()
    {
        var engine = docker.Engine;
        var negotiated = Version.Parse(engine.ApiVersion);
        // Debian 12's docker.io 20.10 speaks 1.41; a newer engine is spoken to in our newest, 1.47.
        Assert.InRange(negotiated, DockerEngine.MinApiVersion, DockerEngine.MaxApiVersion);
        Assert.Matches(@"^\d+\.\d+", engine.EngineVersion);
    }

    [Fact]
    public async Task AMissingSocketIsAClearErrorNamingTheAddressTried()
    {
        var path = Path.Combine(Path.GetTempPath(), $"no-docker-{Guid.NewGuid():N}.sock");
        var error = await Assert.ThrowsAsync<DockerException>(() => DockerEngine.ConnectAsync(new DockerHost("unix://" + path), default));
        Assert.Equal(
            $"Docker engine not reachable at unix://{path} (connect: No such file or directory). Start dockerd, or point --docker-host / DOCKER_HOST at a running engine.",
            error.Message);
    }

    [Fact]
    public async Task AClosedTcpPortIsAClearErrorNamingTheAddressTried()
    {
        // A port that was free a moment ago: nothing listens there.
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        var error = await Assert.ThrowsAsync<DockerException>(() => DockerEngine.ConnectAsync(new DockerHost($"tcp://127.0.0.1:{port}"), default));
        Assert.StartsWith($"Docker engine not reachable at tcp://127.0.0.1:{port} (connect: Connection refused", error.Message);
        Assert.Contains("DOCKER_HOST", error.Message);
    }

    [Theory]
    [InlineData("ftp://example")]
    [InlineData("unix://")]
    [InlineData("tcp://127.0.0.1")]
    public async Task AnAddressThatIsNeitherUnixNorTcpSaysWhatIsAccepted(string address)
    {
        var error = await Assert.ThrowsAsync<DockerException>(() => DockerEngine.ConnectAsync(new DockerHost(address), default));
        Assert.Equal($"Docker host '{address}' is not understood: use unix:///path/to/docker.sock or tcp://host:port.", error.Message);
    }

    [Fact]
    public void TheExplicitAddressWinsOverDOCKERHOSTWhichWinsOverTheDefaultSocket()
    {
        var env = new Dictionary<string, string?> { ["DOCKER_HOST"] = "tcp://10.0.0.1:2375" };
        Assert.Equal("unix:///x.sock", DockerHost.FromEnvironment(k => env.GetValueOrDefault(k), "unix:///x.sock").Address);
        Assert.Equal("tcp://10.0.0.1:2375", DockerHost.FromEnvironment(k => env.GetValueOrDefault(k), null).Address);
        Assert.Equal("unix:///var/run/docker.sock", DockerHost.FromEnvironment(_ => null, null).Address);
    }
}
