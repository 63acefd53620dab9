namespace Trainyard.Tests.Registry.Distribution;

/// <summary>One anonymous registry for the tests that do not stop it or need authentication (each uses its own prefix).</summary>
[CollectionDefinition(Name)]
public sealed class SharedRegistry : ICollectionFixture<SharedRegistryFixture>
{
    public const string Name = "docker-registry";
}

public sealed class SharedRegistryFixture : IAsyncLifetime
{
    RegistryServer? _server;

    public RegistryServer Server => _server ?? throw new InvalidOperationException("the registry did not start");

    public async Task InitializeAsync() => _server = await RegistryServer.StartAsync();

    public async Task DisposeAsync()
    {
        if (_server is not null) await _server.DisposeAsync();
    }
}
