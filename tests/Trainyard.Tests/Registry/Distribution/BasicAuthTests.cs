using Trainyard.Registry;

namespace Trainyard.Tests.Registry.Distribution;

/// <summary>A registry with an htpasswd file: basic authentication as ECR and many private registries use it.</summary>
public sealed class BasicAuthTests : LocalRegistryTests
{
    const string User = "ci-bot";
    const string Password = "s3cret-Pa55word-for-tests";

    protected override RegistryAuthConfig Auth => new HtpasswdAuth(User, Password);

    [Fact]
    public async Task TheRightUserAndPasswordPushAndReadAPackage()
    {
        using var traffic = new RegistryTraffic();
        using var store = Server.NewStore(new RegistryCredentials(User, Password, null), traffic);
        var package = TestContent.Package(seed: 50);

        await package.PushAsync(store, "v1");

        Assert.Equal(package.Manifest.Content.ToArray(), (await store.ReadManifestAsync("credit-risk", "v1", default))!.Content.ToArray());
        Assert.Equal(["v1"], await store.ListTagsAsync("credit-risk", default));
        // The first request meets the challenge; once the registry has asked for Basic, every request carries it.
        Assert.Equal(401, traffic.Exchanges.First().Status);
        Assert.All(traffic.Exchanges.Skip(1), e => Assert.Equal("Basic", e.AuthScheme));
        Assert.Single(traffic.Exchanges, e => e.Status == 401);
    }

    [Fact]
    public async Task AWrongPasswordIsAClear401NamingTheUserButNotThePassword()
    {
        const string wrong = "wrong-Pa55word-9f8e7d";
        using var store = Server.NewStore(new RegistryCredentials(User, wrong, null));
        var (manifest, _, _) = TestContent.Package(seed: 51);

        var error = await Assert.ThrowsAsync<TrainyardException>(() => store.PushManifestAsync("credit-risk", manifest, "v3", default));

        var repository = $"{new Uri(store.Location).AbsolutePath.Trim('/')}/credit-risk";
        Assert.Equal($"registry {store.Location}: push credit-risk manifest v3: 401 UNAUTHORIZED authentication required (needs pull, push on {repository})"
            + $" — the registry refused user {User} with a password: check --registry-username and --registry-password (or TRAINYARD_REGISTRY_…)",
            error.Message);
        Assert.DoesNotContain(wrong, error.ToString());
    }

    [Fact]
    public async Task NoCredentialsIsA401SayingWhichParametersToSet()
    {
        using var store = Server.NewStore();

        var error = await Assert.ThrowsAsync<TrainyardException>(() => store.ListTagsAsync("credit-risk", default));

        Assert.StartsWith($"registry {store.Location}: list credit-risk tags: 401 UNAUTHORIZED", error.Message);
        Assert.EndsWith("set --registry-username and --registry-password (or TRAINYARD_REGISTRY_USERNAME and TRAINYARD_REGISTRY_PASSWORD), or --registry-token", error.Message);
    }
}
