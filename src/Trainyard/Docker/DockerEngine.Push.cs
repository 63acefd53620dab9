using System.Text;
using System.Text.Json.Nodes;

namespace Trainyard.Docker;

internal sealed partial class DockerEngine
{
    /// <summary>Pushes repository:tag; progress lines go to <paramref name="output"/>. Returns the pushed manifest digest.</summary>
    public async Task<string> PushImageAsync(string repository, string tag, RegistryCredentials? credentials,
        Action<string> output, CancellationToken ct)
    {
        var operation = $"docker push {repository}:{tag}";
        using var request = new HttpRequestMessage(HttpMethod.Post,
            $"{_transport.VersionPrefix}/images/{repository}/push?tag={Uri.EscapeDataString(tag)}");
        // The engine refuses a push without the header, so an anonymous push sends an empty object.
        request.Headers.Add("X-Registry-Auth", RegistryAuthHeader(credentials));
        using var response = await _transport.SendAsync(request, operation, ct).ConfigureAwait(false);

        string? digest = null;
        await foreach (var message in JsonLines.ReadAsync(response, operation, ct).ConfigureAwait(false))
        {
            if (JsonLines.Error(message) is { } error)
            {
                var registry = repository.Split('/')[0];
                throw new DockerException(
                    $"{operation}: {error.Trim()}. Check that the registry {registry} is reachable from the engine and that the credentials for it are right.");
            }
            var status = message["status"]?.GetValue<string>();
            if (status is not null)
            {
                var id = message["id"]?.GetValue<string>();
                var progress = message["progress"]?.GetValue<string>();
                output(string.Join(' ', new[] { id is null ? null : id + ":", status, progress }.Where(p => !string.IsNullOrEmpty(p))));
            }
            if (message["aux"]?["Digest"]?.GetValue<string>() is { } pushed) digest = pushed;
        }
        return digest ?? throw new DockerException($"{operation}: the engine finished without reporting the pushed digest.");
    }

    /// <summary>X-Registry-Auth: base64url (padded, as the docker CLI sends it) of {username, password, serveraddress} or {identitytoken, serveraddress}.</summary>
    internal static string RegistryAuthHeader(RegistryCredentials? credentials)
    {
        var auth = new JsonObject();
        if (credentials is not null)
        {
            if (credentials.IdentityToken is not null) auth["identitytoken"] = credentials.IdentityToken;
            else
            {
                auth["username"] = credentials.Username;
                auth["password"] = credentials.Password;
            }
            auth["serveraddress"] = credentials.ServerAddress;
        }
        return Convert.ToBase64String(Encoding.UTF8.GetBytes(auth.ToJsonString())).Replace('+', '-').Replace('/', '_');
    }
}
