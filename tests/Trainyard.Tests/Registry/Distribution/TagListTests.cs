using Trainyard.Registry.Distribution;

namespace Trainyard.Tests.Registry.Distribution;

[Collection(SharedRegistry.Name)]
public sealed class TagListTests(SharedRegistryFixture registry)
{
    static readonly string[] FiveTags = ["v1", "v2", "v3", "candidate", "production"];

    [Fact]
    public async Task TagsAreListedAcrossPagesOfTwoFollowingTheRegistrysNextLinks()
    {
        using var pages = new TagPages();
        using var store = new Trainyard.Registry.Distribution.DistributionStore(registry.Server.PrefixUrl(), Trainyard.Registry.RegistryCredentials.None, pages)
        {
            TagPageSize = 2,
        };
        await TagAsync(store, FiveTags);

        var tags = await store.ListTagsAsync("credit-risk", default);

        Assert.Equal(FiveTags.Order(StringComparer.Ordinal), tags);
        // 5 tags, 2 a page: three pages, the later two asked for through the Link header's "last".
        Assert.Equal(3, pages.PagesServed.Count);
        Assert.EndsWith("/credit-risk/tags/list?n=2", pages.PagesServed[0]);
        Assert.EndsWith("/credit-risk/tags/list?n=2&last=production", pages.PagesServed[1]);
        Assert.EndsWith("/credit-risk/tags/list?n=2&last=v2", pages.PagesServed[2]);
    }

    [Fact]
    public async Task ARegistryThatIgnoresThePageSizeStillYieldsEveryTagOnce()
    {
        using var traffic = new RegistryTraffic();
        using var store = new Trainyard.Registry.Distribution.DistributionStore(registry.Server.PrefixUrl(), Trainyard.Registry.RegistryCredentials.None, traffic)
        {
            TagPageSize = 2,
        };
        await TagAsync(store, FiveTags);

        var tags = await store.ListTagsAsync("credit-risk", default);

        Assert.Equal(FiveTags.Order(StringComparer.Ordinal), tags.Order(StringComparer.Ordinal));
        Assert.Contains(traffic.Sent("GET"), e => e.PathAndQuery.EndsWith("/tags/list?n=2", StringComparison.Ordinal));
    }

    [Fact]
    public async Task ARepositoryNobodyPushedToHasNoTags()
    {
        using var store = registry.Server.NewStore();

        Assert.Empty(await store.ListTagsAsync("never-pushed", default));
    }

    static async Task TagAsync(Trainyard.Registry.Distribution.DistributionStore store, IEnumerable<string> tags)
    {
        var package = TestContent.Package(seed: 20);
        foreach (var tag in tags) await package.PushAsync(store, tag);
    }
}
