using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Headers;
using Trainyard.IO;
using Trainyard.Runtime.Packaging;
using Trainyard.Runtime.Registry;

namespace Trainyard.Registry.Distribution;

/// <summary>
/// An OCI registry through the distribution HTTP API (GHCR, ECR, ACR, Harbor, Debian's docker-registry).
/// The registry URL's path is a repository prefix (<c>https://ghcr.io/acme/models</c>: model <c>credit-risk</c> lives
/// in repository <c>acme/models/credit-risk</c>). Every step that can safely run twice is retried while the registry is unavailable; blobs are verified on read.
/// </summary>
internal sealed partial class DistributionStore : IOciStore, IDisposable
{
    readonly DistributionAddress _address;
    readonly HttpClient _http;
    readonly DistributionErrors _errors;
    readonly DistributionAuth _auth;
    // Where this store last saw each blob, so a push to another repository can mount it instead of uploading.
    readonly ConcurrentDictionary<string, string> _seenIn = new();
    DistributionTransport? _transport;

    public DistributionStore(Uri registry, RegistryCredentials credentials, HttpMessageHandler? handler = null)
    {
        _address = new DistributionAddress(registry);
        _http = handler is null ? new HttpClient(new SocketsHttpHandler { ConnectTimeout = TimeSpan.FromSeconds(15) }) : new HttpClient(handler, disposeHandler: false);
        _http.Timeout = TimeSpan.FromMinutes(5);
        _http.DefaultRequestHeaders.UserAgent.Add(new ProductInfoHeaderValue("Trainyard", Trainyard.Targets.PackageVersions.VersionOf(typeof(DistributionStore).Assembly)));
        _errors = new DistributionErrors(_address.Location, credentials);
        _auth = new DistributionAuth(_http, credentials);
    }

    public string Location => _address.Location;

    /// <summary>Blobs larger than this are uploaded in chunks of <see cref="ChunkSize"/> bytes; smaller ones in one PUT.</summary>
    public long ChunkedUploadAbove { get; init; } = 16 << 20;

    public int ChunkSize { get; init; } = 8 << 20;

    /// <summary>How many tags to ask for per page (<c>?n=</c>); the registry may send fewer and a <c>Link</c> to the rest.</summary>
    public int TagPageSize { get; init; } = 100;

    public DistributionRetry Retry { get; init; } = DistributionRetry.Default;

    DistributionTransport Transport => LazyInitializer.EnsureInitialized(ref _transport, () => new DistributionTransport(_http, _auth, _errors, Retry));

    public Task<bool> HasBlobAsync(string repository, string digest, CancellationToken cancellationToken)
    {
        var name = _address.Repository(repository);
        var url = _address.Blob(name, digest);
        var operation = $"check {repository} blob {digest}";
        return Transport.RetryAsync(operation, async ct =>
        {
            using var response = await Transport.SendAsync(() => new HttpRequestMessage(HttpMethod.Head, url), Pull(name), operation, ct).ConfigureAwait(false);
            if (response.StatusCode == HttpStatusCode.NotFound) return false;
            if (response.StatusCode != HttpStatusCode.OK) throw await Transport.RefusedAsync(operation, response, ct).ConfigureAwait(false);
            _seenIn[digest] = name;
            return true;
        }, cancellationToken);
    }

    public async Task PushBlobAsync(string repository, OciBlob blob, CancellationToken cancellationToken) =>
        await PushBlobAsync(repository, blob, mountFrom: null, cancellationToken).ConfigureAwait(false);

    /// <summary>
    /// Stores a blob unless the repository has it, mounting it from model <paramref name="mountFrom"/>'s repository (or
    /// from where this store last saw it) when the registry offers that. True when it was mounted rather than uploaded.
    /// </summary>
    public async Task<bool> PushBlobAsync(string repository, OciBlob blob, string? mountFrom, CancellationToken cancellationToken)
    {
        var name = _address.Repository(repository);
        var digest = blob.Descriptor.Digest;
        if (await HasBlobAsync(repository, digest, cancellationToken).ConfigureAwait(false)) return false;
        var source = mountFrom is not null ? _address.Repository(mountFrom)
            : _seenIn.TryGetValue(digest, out var seen) && seen != name ? seen : null;
        var operation = $"push {repository} blob {digest}";
        var upload = new DistributionUpload(Transport, ChunkedUploadAbove, ChunkSize);
        var mounted = await Transport.RetryAsync(operation, ct => upload.RunAsync(_address, name, blob, source, operation, ct), cancellationToken).ConfigureAwait(false);
        _seenIn[digest] = name;
        return mounted;
    }

    public async Task<ReadOnlyMemory<byte>> ReadBlobAsync(string repository, OciDescriptor descriptor, CancellationToken cancellationToken)
    {
        var name = _address.Repository(repository);
        var url = _address.Blob(name, descriptor.Digest);
        var operation = $"read {repository} blob {descriptor.Digest}";
        var bytes = await Transport.RetryAsync(operation, async ct =>
        {
            using var response = await Transport.SendAsync(() => new HttpRequestMessage(HttpMethod.Get, url), Pull(name), operation, ct).ConfigureAwait(false);
            if (response.StatusCode != HttpStatusCode.OK) throw await Transport.RefusedAsync(operation, response, ct).ConfigureAwait(false);
            return await response.Content.ReadAsByteArrayAsync(ct).ConfigureAwait(false);
        }, cancellationToken).ConfigureAwait(false);
        var actual = OciBlobs.DigestOf(bytes);
        if (bytes.Length != descriptor.Size || actual != descriptor.Digest)
            throw _errors.Fail(operation, $"the registry sent {bytes.Length} bytes hashing to {actual}, not the {descriptor.Size} bytes of {descriptor.Digest}",
                "its copy is damaged or was replaced: push the model again");
        _seenIn[descriptor.Digest] = name;
        return bytes;
    }

    /// <summary>
    /// A lock on this machine only — a file in the temp folder named by a hash of the registry URL and repository —
    /// so runs on other machines are not seen, which is why the model registry reads its tag writes back.
    /// </summary>
    public async Task<IAsyncDisposable> LockAsync(string repository, CancellationToken cancellationToken)
    {
        var name = _address.Repository(repository);
        var path = Path.Combine(Path.GetTempPath(), "trainyard-registry-locks", ContentHash.Of($"{_address.Location} {name}")[..32] + ".lock");
        return await FileLock.AcquireAsync(path, $"registry {_address.Location}, repository {name}", LockPatience, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>How long to wait for another run on this machine to finish publishing to the same repository.</summary>
    public TimeSpan LockPatience { get; init; } = TimeSpan.FromMinutes(5);

    public void Dispose() => _http.Dispose();

    static string Pull(string repository) => $"repository:{repository}:pull";

    static string Push(string repository) => $"repository:{repository}:pull,push";
}
