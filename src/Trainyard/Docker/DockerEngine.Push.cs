namespace Trainyard.Docker;

internal sealed partial class DockerEngine
{
    /// <summary>Pushes repository:tag; progress lines go to <paramref name="output"/>. Returns the pushed manifest digest.</summary>
    public Task<string> PushImageAsync(string repository, string tag, RegistryCredentials? credentials,
        Action<string> output, CancellationToken ct) => throw new NotImplementedException();
}
