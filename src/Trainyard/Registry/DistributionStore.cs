using Trainyard.Runtime.Packaging;

namespace Trainyard.Registry;

/// <summary>
/// An OCI registry through the distribution HTTP API (GHCR, ECR, ACR, Harbor, Debian's docker-registry).
/// <paramref name="registry"/> is the registry's base URL with an optional repository prefix in its path
/// (<c>https://ghcr.io/acme/models</c>: model <c>credit-risk</c> lives in repository <c>acme/models/credit-risk</c>).
/// </summary>
internal sealed class DistributionStore(Uri registry, RegistryCredentials credentials, HttpMessageHandler? handler = null) : IOciStore, IDisposable
{
    // Contract stub: implemented on branch 'distribution'.
    public string Location => registry.ToString();
    public Task<bool> HasBlobAsync(string repository, string digest, CancellationToken cancellationToken) => throw new NotImplementedException();
    public Task PushBlobAsync(string repository, OciBlob blob, CancellationToken cancellationToken) => throw new NotImplementedException();
    public Task<ReadOnlyMemory<byte>> ReadBlobAsync(string repository, OciDescriptor descriptor, CancellationToken cancellationToken) => throw new NotImplementedException();
    public Task PushManifestAsync(string repository, OciBlob manifest, string? tag, CancellationToken cancellationToken) => throw new NotImplementedException();
    public Task<OciBlob?> ReadManifestAsync(string repository, string reference, CancellationToken cancellationToken) => throw new NotImplementedException();
    public Task<IReadOnlyList<string>> ListTagsAsync(string repository, CancellationToken cancellationToken) => throw new NotImplementedException();
    public Task<IAsyncDisposable> LockAsync(string repository, CancellationToken cancellationToken) => throw new NotImplementedException();
    public void Dispose() { _ = credentials; _ = handler; }
}
