using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using Trainyard.Runtime.Packaging;

namespace Trainyard.Registry.Distribution;

/// <summary>
/// One blob upload session, per the distribution spec: <c>POST …/blobs/uploads/</c> (with <c>?mount=&amp;from=</c> to
/// mount the blob from another repository, which a 201 grants and a 202 declines), then either one
/// <c>PUT &lt;location&gt;?digest=</c> with the bytes (monolithic) or <c>PATCH</c> chunks with <c>Content-Range</c> and
/// a closing empty <c>PUT</c> (chunked). A session cannot be resumed after a failure, so a retry starts a new one.
/// </summary>
internal sealed class DistributionUpload(DistributionTransport transport, long chunkedAbove, int chunkSize)
{
    static readonly MediaTypeHeaderValue OctetStream = new("application/octet-stream");

    /// <summary>Uploads <paramref name="blob"/>; returns true when the registry mounted it from <paramref name="mountFrom"/> instead.</summary>
    public async Task<bool> RunAsync(DistributionAddress address, string repository, OciBlob blob, string? mountFrom, string operation, CancellationToken cancellationToken)
    {
        var digest = blob.Descriptor.Digest;
        var scope = $"repository:{repository}:pull,push" + (mountFrom is null ? "" : $" repository:{mountFrom}:pull");
        var start = address.Uploads(repository, digest, mountFrom);
        using (var started = await transport.SendAsync(() => new HttpRequestMessage(HttpMethod.Post, start), scope, operation, cancellationToken).ConfigureAwait(false))
        {
            if (started.StatusCode == HttpStatusCode.Created && mountFrom is not null) return true;
            if (started.StatusCode != HttpStatusCode.Accepted) throw await transport.RefusedAsync(operation, started, cancellationToken).ConfigureAwait(false);
            var location = Location(started, operation);
            var content = blob.Content;
            if (content.Length > chunkedAbove)
            {
                // The registry may ask for larger chunks than ours (OCI-Chunk-Min-Length).
                var size = Math.Max(chunkSize, MinimumChunk(started));
                for (var offset = 0; offset < content.Length; offset += size)
                    location = await PatchAsync(location, content.Slice(offset, Math.Min(size, content.Length - offset)), offset, scope, operation, cancellationToken).ConfigureAwait(false);
                content = ReadOnlyMemory<byte>.Empty;
            }
            var close = DistributionAddress.WithDigest(location, digest);
            using var closed = await transport.SendAsync(() => Put(close, content), scope, operation, cancellationToken).ConfigureAwait(false);
            if (closed.StatusCode != HttpStatusCode.Created) throw await transport.RefusedAsync(operation, closed, cancellationToken).ConfigureAwait(false);
            return false;
        }
    }

    async Task<Uri> PatchAsync(Uri location, ReadOnlyMemory<byte> chunk, int offset, string scope, string operation, CancellationToken cancellationToken)
    {
        // The spec's Content-Range is "<first>-<last>" inclusive, without HTTP's "bytes " unit, so it is set unvalidated.
        var range = $"{offset.ToString(CultureInfo.InvariantCulture)}-{(offset + chunk.Length - 1).ToString(CultureInfo.InvariantCulture)}";
        HttpRequestMessage Build()
        {
            var request = new HttpRequestMessage(HttpMethod.Patch, location) { Content = new ReadOnlyMemoryContent(chunk) };
            request.Content.Headers.ContentType = OctetStream;
            request.Content.Headers.TryAddWithoutValidation("Content-Range", range);
            return request;
        }
        using var response = await transport.SendAsync(Build, scope, operation, cancellationToken).ConfigureAwait(false);
        if (response.StatusCode != HttpStatusCode.Accepted) throw await transport.RefusedAsync(operation, response, cancellationToken).ConfigureAwait(false);
        // Each answer names where the next chunk goes; it may differ from the last.
        return Location(response, operation);
    }

    static HttpRequestMessage Put(Uri url, ReadOnlyMemory<byte> content)
    {
        var request = new HttpRequestMessage(HttpMethod.Put, url) { Content = new ReadOnlyMemoryContent(content) };
        request.Content.Headers.ContentType = OctetStream;
        return request;
    }

    Uri Location(HttpResponseMessage response, string operation) =>
        response.Headers.Location is { } location
            ? location.IsAbsoluteUri ? location : new Uri(response.RequestMessage!.RequestUri!, location)
            : throw transport.Errors.Fail(operation, $"{(int)response.StatusCode} without a Location header for the upload");

    static int MinimumChunk(HttpResponseMessage response) =>
        response.Headers.TryGetValues("OCI-Chunk-Min-Length", out var values)
        && int.TryParse(values.FirstOrDefault(), NumberStyles.None, CultureInfo.InvariantCulture, out var minimum) ? minimum : 0;
}
