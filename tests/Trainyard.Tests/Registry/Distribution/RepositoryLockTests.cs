using Trainyard.Registry;
using Trainyard.Registry.Distribution;

namespace Trainyard.Tests.Registry.Distribution;

/// <summary>LockAsync: runs on this machine take turns per registry and repository (no registry needs to run).</summary>
public sealed class RepositoryLockTests
{
    readonly Uri _registry = new($"http://127.0.0.1:5000/locks-{Guid.NewGuid():N}");

    [Fact]
    public async Task ASecondLockOnTheSameRepositoryWaitsUntilTheFirstIsReleased()
    {
        using var first = new DistributionStore(_registry, RegistryCredentials.None);
        using var second = new DistributionStore(_registry, RegistryCredentials.None);
        var held = await first.LockAsync("credit-risk", default);

        var waiting = second.LockAsync("credit-risk", default);
        await Task.Delay(300);
        Assert.False(waiting.IsCompleted);

        await held.DisposeAsync();
        var next = await waiting.WaitAsync(TimeSpan.FromSeconds(10));
        await next.DisposeAsync();
    }

    [Fact]
    public async Task LocksOnOtherRepositoriesOrRegistriesDoNotWait()
    {
        using var store = new DistributionStore(_registry, RegistryCredentials.None);
        using var elsewhere = new DistributionStore(new Uri(_registry, "other"), RegistryCredentials.None);
        await using var held = await store.LockAsync("credit-risk", default);

        var others = Task.WhenAll(store.LockAsync("penguins", default), elsewhere.LockAsync("credit-risk", default));

        Assert.Same(others, await Task.WhenAny(others, Task.Delay(TimeSpan.FromSeconds(10))));
        foreach (var other in await others) await other.DisposeAsync();
    }

    [Fact]
    public async Task AWaitingLockStopsWhenCancelled()
    {
        using var store = new DistributionStore(_registry, RegistryCredentials.None);
        await using var held = await store.LockAsync("credit-risk", default);
        using var cancel = new CancellationTokenSource(TimeSpan.FromMilliseconds(200));

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => store.LockAsync("credit-risk", cancel.Token));
    }
}
