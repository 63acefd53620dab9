using System.Web;
using Trainyard.Registry;
using Trainyard.Registry.Distribution;

namespace Trainyard.Tests.Registry.Distribution;

/// <summary>
/// A registry with <c>auth: token</c> and a token server of the test's own: the bearer flow GHCR, Docker Hub, ACR and
/// Harbor use — challenge, token from the realm for the scope, retry with the token.
/// </summary>
public sealed class TokenAuthTests : LocalRegistryTests
{
    const string User = "octo";
    const string Password = "ghp_testTokenUsedAsPassword0123";
    LocalTokenServer Tokens { get; } = new(User, Password);

    protected override RegistryAuthConfig Auth => new TokenAuth(Tokens);

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        await Tokens.DisposeAsync();
    }

    [Fact]
    public async Task ATokenFromTheRealmPushesAndReadsAPackage()
    {
        using var traffic = new RegistryTraffic();
        using var store = Server.NewStore(new RegistryCredentials(User, Password, null), traffic);
        var package = TestContent.Package(seed: 60);
        var (manifest, _, layer) = package;

        await package.PushAsync(store, "v1");

        Assert.Equal(manifest.Content.ToArray(), (await store.ReadManifestAsync("credit-risk", "v1", default))!.Content.ToArray());
        Assert.Equal(layer.Content.ToArray(), (await store.ReadBlobAsync("credit-risk", layer.Descriptor, default)).ToArray());
        Assert.Contains(traffic.Exchanges, e => e.AuthScheme == "Bearer" && e.Status == 201);
    }

    [Fact]
    public async Task TokensAreAskedForOncePerScopeAndNamedByTheChallengesScope()
    {
        using var store = Server.NewStore(new RegistryCredentials(User, Password, null));
        var repository = $"{new Uri(store.Location).AbsolutePath.Trim('/')}/credit-risk";

        for (var i = 0; i < 3; i++) Assert.Empty(await store.ListTagsAsync("credit-risk", default));
        for (var i = 0; i < 3; i++) await store.PushBlobAsync("credit-risk", TestContent.Blob(10, seed: 61 + i), default);

        // One token to pull (tag lists, HEAD) and one to push (uploads): not one per request. The store asks for the
        // challenge's scope as it is, whose actions distribution lists in no fixed order.
        var requests = Tokens.Requests.Select(q => HttpUtility.ParseQueryString(q)).ToList();
        Assert.Equal(2, requests.Count);
        Assert.All(requests, q => Assert.Equal(LocalTokenServer.Service, q["service"]));
        Assert.Equal([$"repository:{repository}:pull"], requests[0].GetValues("scope")!);
        var push = Assert.Single(requests[1].GetValues("scope")!);
        Assert.StartsWith($"repository:{repository}:", push);
        Assert.Equal(["pull", "push"], push.Split(':')[^1].Split(',').Order());
    }

    [Fact]
    public async Task AMountAsksForATokenCoveringBothRepositories()
    {
        using var traffic = new RegistryTraffic();
        using var store = Server.NewStore(new RegistryCredentials(User, Password, null), traffic);
        var blob = TestContent.Blob(100, seed: 65);
        await store.PushBlobAsync("credit-risk", blob, default);

        Assert.True(await store.PushBlobAsync("credit-risk-copy", blob, mountFrom: "credit-risk", default));
    }

    [Fact]
    public async Task AWrongPasswordIsRefusedByTheTokenServerWithoutShowingThePassword()
    {
        const string wrong = "ghp_wrongTokenAbcdef987654";
        using var store = Server.NewStore(new RegistryCredentials(User, wrong, null));

        var error = await Assert.ThrowsAsync<TrainyardException>(() => store.ListTagsAsync("credit-risk", default));

        Assert.Equal($"registry {store.Location}: list credit-risk tags: token server {Tokens.Realm} refused user {User} with a password:"
            + " 401 UNAUTHORIZED invalid username or password", error.Message);
        Assert.DoesNotContain(wrong, error.ToString());
    }

    [Fact]
    public async Task AReadyMadeTokenIsSentAsItIsWithoutAskingTheRealm()
    {
        var prefix = Server.PrefixUrl();
        var token = Tokens.Issue($"repository:{prefix.AbsolutePath.Trim('/')}/credit-risk:pull,push");
        using var traffic = new RegistryTraffic();
        using var store = new DistributionStore(prefix, new RegistryCredentials(null, null, token), traffic);

        await TestContent.Package(seed: 66).PushAsync(store, "v1");

        Assert.Equal(["v1"], await store.ListTagsAsync("credit-risk", default));
        Assert.All(traffic.Exchanges, e => Assert.Equal("Bearer", e.AuthScheme));
        Assert.DoesNotContain(traffic.Exchanges, e => e.Status == 401);
        Assert.Empty(Tokens.Requests);
    }

    [Fact]
    public async Task ARefusedReadyMadeTokenIsA401SayingToCheckTheTokenWithoutShowingIt()
    {
        const string token = "not.a-valid.jwt-5d41402abc";
        using var store = Server.NewStore(new RegistryCredentials(null, null, token));

        var error = await Assert.ThrowsAsync<TrainyardException>(() => store.ListTagsAsync("credit-risk", default));

        Assert.StartsWith($"registry {store.Location}: list credit-risk tags: 401 UNAUTHORIZED", error.Message);
        Assert.EndsWith("— the registry refused the bearer token: check --registry-token (or TRAINYARD_REGISTRY_TOKEN)", error.Message);
        Assert.DoesNotContain(token, error.ToString());
    }
}
