using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Trainyard.Runtime.Packaging;

namespace Trainyard.Registry.Distribution;

/// <summary>Manifests and tags: put and get by tag or digest (the digest checked against the bytes), tags across pages.</summary>
internal sealed partial class DistributionStore
{
    public async Task PushManifestAsync(string repository, OciBlob manifest, string? tag, CancellationToken cancellationToken)
    {
        var name = _address.Repository(repository);
        var digest = manifest.Descriptor.Digest;
        var url = _address.Manifest(name, tag ?? digest);
        var operation = $"push {repository} manifest {tag ?? digest}";
        HttpRequestMessage Build()
        {
            var request = new HttpRequestMessage(HttpMethod.Put, url) { Content = new ReadOnlyMemoryContent(manifest.Content) };
            request.Content.Headers.ContentType = new MediaTypeHeaderValue(manifest.Descriptor.MediaType);
            return request;
        }
        await Transport.RetryAsync(operation, async ct =>
        {
            using var response = await Transport.SendAsync(Build, Push(name), operation, ct).ConfigureAwait(false);
            if (response.StatusCode != HttpStatusCode.Created) throw await Transport.RefusedAsync(operation, response, ct).ConfigureAwait(false);
            if (ContentDigest(response) is { } stored && stored != digest)
                throw _errors.Fail(operation, $"the registry stored it as {stored}, not {digest}",
                    "it rewrote the manifest; use a registry that stores manifests byte for byte");
            return true;
        }, cancellationToken).ConfigureAwait(false);
    }

    public async Task<OciBlob?> ReadManifestAsync(string repository, string reference, CancellationToken cancellationToken)
    {
        var name = _address.Repository(repository);
        var url = _address.Manifest(name, reference);
        var operation = $"read {repository} manifest {reference}";
        HttpRequestMessage Build()
        {
            var request = new HttpRequestMessage(HttpMethod.Get, url);
            request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue(OciManifest.MediaTypeName));
            return request;
        }
        var answer = await Transport.RetryAsync<FetchedManifest?>(operation, async ct =>
        {
            using var response = await Transport.SendAsync(Build, Pull(name), operation, ct).ConfigureAwait(false);
            if (response.StatusCode == HttpStatusCode.NotFound) return null;
            if (response.StatusCode != HttpStatusCode.OK) throw await Transport.RefusedAsync(operation, response, ct).ConfigureAwait(false);
            var bytes = await response.Content.ReadAsByteArrayAsync(ct).ConfigureAwait(false);
            return new FetchedManifest(bytes, response.Content.Headers.ContentType?.MediaType, ContentDigest(response));
        }, cancellationToken).ConfigureAwait(false);
        if (answer is null) return null;

        var actual = OciBlobs.DigestOf(answer.Bytes);
        var expected = DistributionAddress.IsDigest(reference) ? reference : answer.Stated;
        if (expected is not null && expected != actual)
            throw _errors.Fail(operation, $"the manifest's bytes hash to {actual}, not to {expected}",
                "the registry's copy is damaged or was replaced: push the model again");
        var descriptor = new OciDescriptor(answer.MediaType ?? OciManifest.MediaTypeName, actual, answer.Bytes.Length, ArtifactType: ArtifactType(answer.Bytes));
        return new OciBlob(descriptor, answer.Bytes);
    }

    public async Task<IReadOnlyList<string>> ListTagsAsync(string repository, CancellationToken cancellationToken)
    {
        var name = _address.Repository(repository);
        var operation = $"list {repository} tags";
        var tags = new List<string>();
        var seen = new HashSet<Uri>();
        for (Uri? page = _address.Tags(name, TagPageSize); page is not null;)
        {
            if (!seen.Add(page)) throw _errors.Fail(operation, $"the registry's next-page link {page.PathAndQuery} repeats a page");
            if (!_address.IsSameOrigin(page))
                throw _errors.Fail(operation, $"the next page is on another host ({page.GetLeftPart(UriPartial.Authority)}); not sending credentials there");
            var url = page;
            var (found, next) = await Transport.RetryAsync<(IReadOnlyList<string>, Uri?)>(operation, async ct =>
            {
                using var response = await Transport.SendAsync(() => new HttpRequestMessage(HttpMethod.Get, url), Pull(name), operation, ct).ConfigureAwait(false);
                // A repository nobody has pushed to yet has no tags.
                if (response.StatusCode == HttpStatusCode.NotFound) return ([], null);
                if (response.StatusCode != HttpStatusCode.OK) throw await Transport.RefusedAsync(operation, response, ct).ConfigureAwait(false);
                var body = await response.Content.ReadAsByteArrayAsync(ct).ConfigureAwait(false);
                return (ReadTags(body, operation), LinkHeader.Next(response));
            }, cancellationToken).ConfigureAwait(false);
            tags.AddRange(found);
            page = next;
        }
        return tags.Distinct(StringComparer.Ordinal).ToList();
    }

    IReadOnlyList<string> ReadTags(byte[] body, string operation)
    {
        try
        {
            using var document = JsonDocument.Parse(body);
            if (!document.RootElement.TryGetProperty("tags", out var tags) || tags.ValueKind == JsonValueKind.Null) return [];
            return tags.EnumerateArray().Select(t => t.GetString() ?? "").Where(t => t.Length > 0).ToList();
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException)
        {
            throw _errors.Fail(operation, $"the tag list is not the API's {{\"name\",\"tags\"}} JSON ({e.Message})");
        }
    }

    static string? ContentDigest(HttpResponseMessage response) =>
        response.Headers.TryGetValues("Docker-Content-Digest", out var values) ? values.FirstOrDefault() : null;

    static string? ArtifactType(byte[] manifest)
    {
        try
        {
            using var document = JsonDocument.Parse(manifest);
            return document.RootElement.ValueKind == JsonValueKind.Object
                && document.RootElement.TryGetProperty("artifactType", out var type) && type.ValueKind == JsonValueKind.String ? type.GetString() : null;
        }
        catch (JsonException) { return null; }
    }

    sealed record FetchedManifest(byte[] Bytes, string? MediaType, string? Stated);
}
