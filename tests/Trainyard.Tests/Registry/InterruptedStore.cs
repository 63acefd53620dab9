using Trainyard.Registry;
using Trainyard.Runtime.Packaging;

namespace Trainyard.Tests.Registry;

/// <summary>
/// The real store with a push cut off partway, as when a run is killed or the network drops: the first
/// <paramref name="blobs"/> blob pushes and <paramref name="manifests"/> manifest pushes go through to the store,
/// and every write after that throws. Reads are untouched.
/// </summary>
internal sealed class InterruptedStore(IOciStore store, int blobs, int manifests = int.MaxValue) : IOciStore
{
    int _blobs, _manifests;

    public string Location => store.Location;

    public Task PushBlobAsync(string repository, OciBlob blob, CancellationToken cancellationToken) =>
        ++_blobs > blobs ? throw Cut($"blob {blob.Descriptor.Digest}") : store.PushBlobAsync(repository, blob, cancellationToken);

    public Task PushManifestAsync(string repository, OciBlob manifest, string? tag, CancellationToken cancellationToken) =>
        ++_manifests > manifests ? throw Cut($"manifest {tag}") : store.PushManifestAsync(repository, manifest, tag, cancellationToken);

    public Task<bool> HasBlobAsync(string repository, string digest, CancellationToken cancellationToken) => store.HasBlobAsync(repository, digest, cancellationToken);
    public Task<ReadOnlyMemory<byte>> ReadBlobAsync(string repository, OciDescriptor descriptor, CancellationToken cancellationToken) => store.ReadBlobAsync(repository, descriptor, cancellationToken);
    public Task<OciBlob?> ReadManifestAsync(string repository, string reference, CancellationToken cancellationToken) => store.ReadManifestAsync(repository, reference, cancellationToken);
    public Task<IReadOnlyList<string>> ListTagsAsync(string repository, CancellationToken cancellationToken) => store.ListTagsAsync(repository, cancellationToken);
    public Task<IAsyncDisposable> LockAsync(string repository, CancellationToken cancellationToken) => store.LockAsync(repository, cancellationToken);

    static IOException Cut(string what) => new($"push cut off before {what} (injected)");
}
