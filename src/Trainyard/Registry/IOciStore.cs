using Trainyard.Runtime.Packaging;
using Trainyard.Runtime.Registry;

namespace Trainyard.Registry;

/// <summary>
/// Content-addressed storage of OCI blobs and manifests, with tags: an OCI image layout folder on disk
/// (<see cref="OciLayoutStore"/>) or any registry speaking the distribution HTTP API (<see cref="DistributionStore"/>).
/// A repository is one model's name (the pipeline's name, e.g. <c>credit-risk</c>). The model registry — versions,
/// aliases, history — is built on these operations alone, so it behaves the same on both stores.
/// Errors are <see cref="TrainyardException"/>s naming the store, the repository and what to fix.
/// </summary>
internal interface IOciStore
{
    /// <summary>Where the store is, for messages: a folder relative to the root, or a registry URL with its prefix.</summary>
    string Location { get; }

    Task<bool> HasBlobAsync(string repository, string digest, CancellationToken cancellationToken);

    /// <summary>Stores a blob under its digest; does nothing when the store already has it.</summary>
    Task PushBlobAsync(string repository, OciBlob blob, CancellationToken cancellationToken);

    /// <summary>Reads a blob and checks its digest and size; a missing or mismatched blob is an error naming the digest.</summary>
    Task<ReadOnlyMemory<byte>> ReadBlobAsync(string repository, OciDescriptor descriptor, CancellationToken cancellationToken);

    /// <summary>Stores a manifest (its blobs must already be there) under its digest and, when <paramref name="tag"/> is given, points the tag at it.</summary>
    Task PushManifestAsync(string repository, OciBlob manifest, string? tag, CancellationToken cancellationToken);

    /// <summary>The manifest a tag or digest (<c>sha256:…</c>) names, digest verified; null when there is none.</summary>
    Task<OciBlob?> ReadManifestAsync(string repository, string reference, CancellationToken cancellationToken);

    /// <summary>Every tag in the repository (all pages); empty when the repository does not exist yet.</summary>
    Task<IReadOnlyList<string>> ListTagsAsync(string repository, CancellationToken cancellationToken);

    /// <summary>
    /// Holds an exclusive lock on the repository's mutable state (tags) until disposed, so that two runs on this
    /// machine claiming a version number or appending to history take turns. The layout store locks a file in the
    /// layout; a remote store can only lock on this machine, so the registry also reads its tag writes back.
    /// </summary>
    Task<IAsyncDisposable> LockAsync(string repository, CancellationToken cancellationToken);
}

/// <summary>Credentials for a remote registry, from [Secret] parameters: basic (user and password) or a bearer token (printed as <see cref="RegistryLogin"/> says: never the secrets).</summary>
internal sealed record RegistryCredentials(string? Username, string? Password, string? Token) : RegistryLogin(Username, Password, Token)
{
    public static readonly RegistryCredentials None = new(null, null, null);
}
