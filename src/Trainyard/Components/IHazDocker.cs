using Trainyard.Targets;

namespace Trainyard.Components;

/// <summary>The Docker engine that Containerize builds on and the Docker deploy provider runs containers on.</summary>
public interface IHazDocker : ITrainyardBuild
{
    [Parameter("Docker engine address, unix:///path or tcp://host:port (default: DOCKER_HOST, else unix:///var/run/docker.sock)")]
    string? DockerHost => TryGetValue(() => DockerHost);

    internal Docker.DockerHost EngineAddress => Docker.DockerHost.FromEnvironment(name => Context.Environment.GetValueOrDefault(name), DockerHost);
}
