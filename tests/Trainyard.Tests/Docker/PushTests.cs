using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Trainyard.Docker;
using Trainyard.Tests.Registry.Distribution;
using Credentials = Trainyard.Docker.RegistryCredentials;

namespace Trainyard.Tests.Docker;

/// <summary>
/// Pushes to Debian's docker-registry on loopback with basic auth. Plain HTTP works with no engine configuration
/// because the engine treats 127.0.0.0/8 as an insecure registry by default: these pushes are what verifies that.
/// </summary>
[Collection(DockerEngineCollection.Name)]
public sealed class PushTests(PrivateDockerEngine docker) : IAsyncLifetime
{
    const string User = "ci-bot";
    const string Password = "s3cret-Pa55word-for-tests";
    static readonly CancellationToken Ct = default;
    RegistryServer? _registry;

    RegistryServer Registry => _registry!;
    DockerEngine Engine => docker.Engine;
    string Address => $"127.0.0.1:{Registry.Url.Port}";

    public async Task InitializeAsync() => _registry = await RegistryServer.StartLocalAsync(new HtpasswdAuth(User, Password));

    public async Task DisposeAsync()
    {
        if (_registry is not null) await _registry.DisposeAsync();
    }

    async Task<string> TaggedBaseImageAsync(string repository, string tag)
    {
        await Engine.TagImageAsync(await TestBaseImage.EnsureAsync(Engine, Ct), repository, tag, Ct);
        return $"{repository}:{tag}";
    }

    [Fact]
    public async Task APushWithCredentialsReturnsTheDigestTheRegistryServesForTheTag()
    {
        var repository = $"{Address}/trainyard-test/credit-risk";
        var image = await TaggedBaseImageAsync(repository, "v1");
        var progress = new List<string>();
        try
        {
            var digest = await Engine.PushImageAsync(repository, "v1", new Credentials(Address, User, Password, null), progress.Add, Ct);

            Assert.Matches("^sha256:[0-9a-f]{64}$", digest);
            Assert.Contains(progress, line => line.EndsWith(": Pushed", StringComparison.Ordinal)); // per-layer progress reached the caller
            // Independently: what the registry serves for the tag, hashed here, and its own digest header.
            using var http = new HttpClient();
            using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(Registry.Url, "/v2/trainyard-test/credit-risk/manifests/v1"));
            request.Headers.Accept.Add(new("application/vnd.docker.distribution.manifest.v2+json"));
            request.Headers.Accept.Add(new("application/vnd.oci.image.manifest.v1+json"));
            request.Headers.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{User}:{Password}")));
            using var response = await http.SendAsync(request, Ct);
            response.EnsureSuccessStatusCode();
            var body = await response.Content.ReadAsByteArrayAsync(Ct);
            Assert.Equal(digest, "sha256:" + Convert.ToHexStringLower(SHA256.HashData(body)));
            Assert.Equal(digest, response.Headers.GetValues("Docker-Content-Digest").Single());
        }
        finally { await Engine.RemoveImageAsync(image, force: false, Ct); }
    }

    [Fact]
    public async Task APushWithAWrongPasswordIsADockerExceptionNamingTheRegistry()
    {
        var repository = $"{Address}/trainyard-test/refused";
        var image = await TaggedBaseImageAsync(repository, "v1");
        try
        {
            var error = await Assert.ThrowsAsync<DockerException>(() =>
                Engine.PushImageAsync(repository, "v1", new Credentials(Address, User, "wrong-Pa55word", null), _ => { }, Ct));
            Assert.StartsWith($"docker push {repository}:v1: ", error.Message);
            Assert.Contains("unauthorized", error.Message, StringComparison.OrdinalIgnoreCase); // the registry's word, through the engine
            Assert.Contains($"registry {Address}", error.Message);
            Assert.DoesNotContain("wrong-Pa55word", error.Message);
        }
        finally { await Engine.RemoveImageAsync(image, force: false, Ct); }
    }

    [Fact]
    public void TheRegistryAuthHeaderIsBase64urlJsonTheEngineDecodes()
    {
        // Docker.DotNet encodes the header (base64url JSON); what is ours is which credentials go into it. The push
        // tests above prove the engine decodes it.
        var password = DockerEngine.AuthConfigFor(new Credentials("127.0.0.1:5000", "u", "p?>>", null))!;
        Assert.Equal(("u", "p?>>", "127.0.0.1:5000"), (password.Username, password.Password, password.ServerAddress));
        var token = DockerEngine.AuthConfigFor(new Credentials("ghcr.io", null, null, "tok"))!;
        Assert.Equal(("tok", "ghcr.io"), (token.IdentityToken, token.ServerAddress));
        Assert.Null(token.Password);
        Assert.Null(DockerEngine.AuthConfigFor(null)); // the library sends an empty object, which the engine requires
    }
}
