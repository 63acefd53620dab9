using Trainyard.Packaging;
using Trainyard.Registry;
using Trainyard.Targets;

namespace Trainyard.Components;

/// <summary>
/// Where model versions are kept: <c>--registry</c>, a folder (default <c>.trainyard/registry</c>) or an OCI registry
/// URL such as <c>https://ghcr.io/OWNER/models</c>, with credentials from the environment only
/// (<c>TRAINYARD_REGISTRY_USERNAME</c> and <c>TRAINYARD_REGISTRY_PASSWORD</c>, or <c>TRAINYARD_REGISTRY_TOKEN</c>).
/// The pipeline's name is the model's name, and its repository in the registry.
/// </summary>
public interface IHazRegistry : IHazPipeline
{
    [Parameter("Where model versions are kept: a folder relative to the root, or a registry URL with a path prefix (https://ghcr.io/OWNER/models)")]
    string Registry => TryGetValue(() => Registry) ?? RegistryStore.DefaultLocation;

    [Parameter("User name for the registry (basic authentication, with the password)"), Secret]
    string? RegistryUsername => TryGetValue(() => RegistryUsername);

    [Parameter("Password or access token of the registry user"), Secret]
    string? RegistryPassword => TryGetValue(() => RegistryPassword);

    [Parameter("Bearer token for the registry, instead of a user name and password"), Secret]
    string? RegistryToken => TryGetValue(() => RegistryToken);

    /// <summary>Runs <paramref name="use"/> on this pipeline's model in the registry, and closes the store afterwards.</summary>
    internal async Task<T> WithRegistryAsync<T>(Func<ModelRegistry, Task<T>> use)
    {
        var store = RegistryStore.Open(Registry, Context.RootDirectory, new RegistryCredentials(RegistryUsername, RegistryPassword, RegistryToken));
        try
        {
            return await use(new ModelRegistry(store, Spec.Name));
        }
        finally
        {
            (store as IDisposable)?.Dispose();
        }
    }

    internal Task WithRegistryAsync(Func<ModelRegistry, Task> use) => WithRegistryAsync(async registry => { await use(registry); return true; });

    /// <summary>Who moves an alias, for the history: the same person a package's lineage names as its builder.</summary>
    internal string RegistryUser => RunLineage.OriginFrom(Context.Environment).User;
}
