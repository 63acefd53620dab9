namespace Trainyard.Tests.Registry.Distribution;

/// <summary>
/// Tests that each get a registry started here for them alone: they stop it, change its storage, or need it to
/// authenticate (<see cref="Auth"/>). xunit makes one instance per test, so one registry per test.
/// </summary>
public abstract class LocalRegistryTests : IAsyncLifetime
{
    RegistryServer? _server;

    protected RegistryServer Server => _server ?? throw new InvalidOperationException("the registry did not start");

    protected virtual RegistryAuthConfig? Auth => null;

    public virtual async Task InitializeAsync() => _server = await RegistryServer.StartLocalAsync(Auth);

    public virtual async Task DisposeAsync()
    {
        if (_server is not null) await _server.DisposeAsync();
    }
}
