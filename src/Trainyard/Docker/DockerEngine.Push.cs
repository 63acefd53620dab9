using Docker.DotNet.Models;

namespace Trainyard.Docker;

internal sealed partial class DockerEngine
{
    /// <summary>Pushes repository:tag; progress lines go to <paramref name="output"/>. Returns the pushed manifest digest.</summary>
    public async Task<string> PushImageAsync(string repository, string tag, RegistryCredentials? credentials,
        Action<string> output, CancellationToken ct)
    {
        var operation = $"docker push {repository}:{tag}";
        string? digest = null, error = null;
        var progress = new OnMessage(message =>
        {
            error ??= message.Error?.Message;
            if (message.Status is { } status)
            {
                var id = message.ID is { Length: > 0 } layer ? layer + ":" : null;
                output(string.Join(' ', new[] { id, status, ProgressText(message) }.Where(p => !string.IsNullOrEmpty(p))));
            }
            digest = Aux(message, "Digest") ?? digest;
        });
        // The library sends the X-Registry-Auth header (base64url JSON) always; an anonymous push sends an empty object.
        await CallAsync(operation, () => _client.Images.PushImageAsync(repository, new ImagePushParameters { Tag = tag },
            AuthConfigFor(credentials), progress, ct)).ConfigureAwait(false);
        if (error is not null)
        {
            var registry = repository.Split('/')[0];
            throw new DockerException(
                $"{operation}: {error.Trim()}. Check that the registry {registry} is reachable from the engine and that the credentials for it are right.");
        }
        return digest ?? throw new DockerException($"{operation}: the engine finished without reporting the pushed digest.");
    }

    /// <summary>The engine's registry credentials: a user name and password, or an identity token; none for an anonymous push.</summary>
    internal static AuthConfig? AuthConfigFor(RegistryCredentials? credentials) => credentials switch
    {
        null => null,
        { IdentityToken: { } token } => new AuthConfig { IdentityToken = token, ServerAddress = credentials.ServerAddress },
        _ => new AuthConfig { Username = credentials.Username, Password = credentials.Password, ServerAddress = credentials.ServerAddress },
    };

    // Bytes sent of the layer's total: the library reads the engine's progressDetail numbers, not its progress bar text.
    static string? ProgressText(JSONMessage message) =>
        message.Progress is { Total: > 0 } p ? $"{p.Current}/{p.Total}" : null;
}
