using Trainyard.Runtime.Packaging;

namespace Trainyard.Registry;

/// <summary>
/// The embedded store: one OCI image layout folder per model under <paramref name="directory"/>
/// (default <c>.trainyard/registry/&lt;model&gt;/</c>: <c>oci-layout</c>, <c>index.json</c>, <c>blobs/sha256/…</c>).
/// </summary>
internal sealed class OciLayoutStore(string directory) : IOciStore
{
    // Contract stub: implemented on branch 'registry'.
    public string Location => directory;
    public Task<bool> HasBlobAsync(string repository, string digest, CancellationToken cancellationToken) => throw new NotImplementedException();
    public Task PushBlobAsync(string repository, OciBlob blob, CancellationToken cancellationToken) => throw new NotImplementedException();
    public Task<ReadOnlyMemory<byte>> ReadBlobAsync(string repository, OciDescriptor descriptor, CancellationToken cancellationToken) => throw new NotImplementedException();
    public Task PushManifestAsync(string repository, OciBlob manifest, string? tag, CancellationToken cancellationToken) => throw new NotImplementedException();
    public Task<OciBlob?> ReadManifestAsync(string repository, string reference, CancellationToken cancellationToken) => throw new NotImplementedException();
    public Task<IReadOnlyList<string>> ListTagsAsync(string repository, CancellationToken cancellationToken) => throw new NotImplementedException();
    public Task<IAsyncDisposable> LockAsync(string repository, CancellationToken cancellationToken) => throw new NotImplementedException();
}
