namespace Trainyard.Docker;

/// <summary>Where the Docker engine listens: <c>unix:///var/run/docker.sock</c> or <c>tcp://127.0.0.1:2375</c>.</summary>
public sealed record DockerHost(string Address)
{
    public const string DefaultAddress = "unix:///var/run/docker.sock";

    /// <summary>An explicit address (e.g. --docker-host) wins over DOCKER_HOST, which wins over the default socket.</summary>
    public static DockerHost FromEnvironment(Func<string, string?> env, string? explicitAddress)
    {
        if (!string.IsNullOrWhiteSpace(explicitAddress)) return new DockerHost(explicitAddress.Trim());
        var fromEnv = env("DOCKER_HOST");
        return new DockerHost(string.IsNullOrWhiteSpace(fromEnv) ? DefaultAddress : fromEnv.Trim());
    }

    public override string ToString() => Address;
}
