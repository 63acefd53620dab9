using Trainyard.Registry;
using Trainyard.Registry.Distribution;

namespace Trainyard.Tests.Registry.Distribution;

[Collection(SharedRegistry.Name)]
public sealed class RepositoryNamingTests(SharedRegistryFixture registry)
{
    [Fact]
    public async Task TheUrlsPathIsARepositoryPrefixBeforeTheModelName()
    {
        using var traffic = new RegistryTraffic();
        var prefixed = new Uri(registry.Server.PrefixUrl().AbsoluteUri + "/models/"); // http://127.0.0.1:<port>/t…/models/
        using var store = new DistributionStore(prefixed, RegistryCredentials.None, traffic);

        await store.PushBlobAsync("credit-risk", TestContent.Blob(10, seed: 40), default);

        Assert.Equal(prefixed.AbsoluteUri.TrimEnd('/'), store.Location);
        Assert.Matches("^/t[0-9a-f]{12}/models/$", prefixed.AbsolutePath);
        Assert.All(traffic.Exchanges, e => Assert.StartsWith($"/v2{prefixed.AbsolutePath}credit-risk/blobs/", e.PathAndQuery));
    }

    [Fact]
    public async Task AModelNameThatCannotBeARepositoryIsRefusedSayingWhatIsAllowed()
    {
        using var store = registry.Server.NewStore();

        var error = await Assert.ThrowsAsync<TrainyardException>(() => store.HasBlobAsync("Credit Risk", TestContent.Sha256([]), default));

        Assert.Equal($"registry {store.Location}: model name 'Credit Risk' cannot be a repository name: use lower-case letters and digits, separated by '.', '_', '-' or '/'.", error.Message);
    }

    [Theory]
    [InlineData("ftp://registry.example/models")]
    [InlineData("http://127.0.0.1:5000/Models")]
    public void ARegistryUrlThatIsNotAnHttpUrlWithARepositoryPathIsRefused(string url)
    {
        var error = Assert.Throws<TrainyardException>(() => new DistributionStore(new Uri(url), RegistryCredentials.None));

        Assert.Contains(url.TrimEnd('/'), error.Message);
    }
}
