using Trainyard.Registry;
using Trainyard.Tests.Registry.Distribution;
using Trainyard.Registry.Distribution;
using Trainyard.Registry.Layout;

namespace Trainyard.Tests.Registry;

/// <summary>
/// The stores every store-level and registry-level test runs against, named in one place: the embedded OCI image
/// layout folder, and a real registry speaking the distribution API (Debian's docker-registry on loopback, shared
/// through the <see cref="SharedRegistry"/> collection; each test gets a repository prefix of its own).
/// </summary>
public static class StoreKinds
{
    /// <summary>For <c>[MemberData(nameof(StoreKinds.All), MemberType = typeof(StoreKinds))]</c>.</summary>
    public static TheoryData<string> All => ["layout", "distribution"];

    internal static StoreUnderTest Create(string kind, SharedRegistryFixture registry) => kind switch
    {
        "layout" => StoreUnderTest.Layout(),
        "distribution" => StoreUnderTest.Distribution(registry.Server),
        _ => throw new ArgumentException($"unknown store kind '{kind}'", nameof(kind)),
    };
}

/// <summary>
/// A store for one test: <see cref="Store"/>, a fresh <see cref="Repository"/> in it, and <see cref="OpenAnother"/>
/// for a second store object on the same storage — what another run on the same machine opens.
/// </summary>
internal sealed class StoreUnderTest(IOciStore store, Func<IOciStore> openAnother, string repository, Action cleanup) : IDisposable
{
    public IOciStore Store { get; } = store;
    public string Repository { get; } = repository;
    public IOciStore OpenAnother() => openAnother();

    /// <summary>The layout folder, for tests of the layout itself; null for other kinds.</summary>
    public string? Folder { get; init; }

    public ModelRegistry Registry(TimeProvider? clock = null) => new(Store, Repository, clock);

    public static StoreUnderTest Layout()
    {
        var folder = Path.Combine(Path.GetTempPath(), "trainyard-registry-" + Guid.NewGuid().ToString("N"));
        return new StoreUnderTest(new OciLayoutStore(folder), () => new OciLayoutStore(folder), "credit-risk",
            () => { try { Directory.Delete(folder, recursive: true); } catch (DirectoryNotFoundException) { } })
        {
            Folder = folder,
        };
    }

    public static StoreUnderTest Distribution(RegistryServer server)
    {
        var prefix = server.PrefixUrl();
        return new StoreUnderTest(new DistributionStore(prefix, RegistryCredentials.None), () => new DistributionStore(prefix, RegistryCredentials.None),
            "credit-risk", () => { });
    }

    public void Dispose()
    {
        (Store as IDisposable)?.Dispose();
        cleanup();
    }
}
