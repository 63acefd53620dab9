using System.Reflection;
using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Trainyard.Runtime.Packaging;

namespace Trainyard.Runtime.Registry;

/// <summary>
/// Reads one model package from a remote OCI registry through the distribution API — the manifest (asked for as an
/// OCI image manifest), then the config and each layer blob — logging in as the registry's challenge asks
/// (<see cref="DistributionAuth"/>, shared with the build side). Every digest and size is checked by
/// <see cref="ModelPackage.Unpack"/>; a tag's manifest is also checked against the digest the registry states.
/// Read-only and without retries: a server that cannot load its model should stop and be restarted by its orchestrator.
/// </summary>
internal sealed class RegistryPull : IDisposable
{
    /// <summary>A layer larger than this is refused before it is read: model packages are megabytes.</summary>
    public const long MaxBlobBytes = 2L << 30;

    readonly RegistryReference _reference;
    readonly RegistryLogin _login;
    readonly HttpClient _http;
    readonly DistributionAuth _auth;

    public RegistryPull(RegistryReference reference, RegistryLogin login, TimeSpan? timeout = null)
    {
        (_reference, _login) = (reference, login);
        _http = new HttpClient(new SocketsHttpHandler { ConnectTimeout = TimeSpan.FromSeconds(10) }) { Timeout = timeout ?? TimeSpan.FromMinutes(2) };
        _http.DefaultRequestHeaders.UserAgent.Add(new ProductInfoHeaderValue("Trainyard.Serving", (typeof(RegistryPull).Assembly.GetCustomAttribute<System.Reflection.AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "0").Split('+')[0]));
        _auth = new DistributionAuth(_http, login);
    }

    string Scope => $"repository:{_reference.Repository}:pull";

    /// <summary>The package and its manifest digest (its identity).</summary>
    public async Task<(ModelPackage Package, string Digest)> PullAsync(CancellationToken cancellationToken)
    {
        var source = _reference.ToString();
        var (bytes, mediaType, stated) = await GetAsync(_reference.Manifest, "the manifest", OciManifest.MediaTypeName, cancellationToken);
        var actual = OciBlobs.DigestOf(bytes);
        var expected = _reference.IsDigest ? _reference.Reference : stated;
        if (expected is not null && expected != actual)
            throw new ModelFormatException($"{source}: the manifest's bytes hash to {actual}, not to {expected}; the registry's copy is damaged or was replaced — push the model again");
        if (mediaType is not null && mediaType != OciManifest.MediaTypeName)
            throw new ModelFormatException($"{source}: names a {mediaType}, not an OCI image manifest; a model package is one manifest");
        var manifestBlob = new OciBlob(new OciDescriptor(OciManifest.MediaTypeName, actual, bytes.Length), bytes);
        var manifest = OciManifest.Parse(bytes, source);

        var config = await ReadBlobAsync(manifest.Config, "the config", cancellationToken);
        var layers = new List<OciBlob>(manifest.Layers.Count);
        foreach (var layer in manifest.Layers) layers.Add(await ReadBlobAsync(layer, $"layer {layer.Annotations?.GetValueOrDefault(PackageMediaTypes.TitleAnnotation) ?? layer.Digest}", cancellationToken));
        return (ModelPackage.Unpack(new PackedModel(manifestBlob, config, layers), source), actual);
    }

    /// <summary>
    /// The version tag (<c>v3</c>) that names the manifest <paramref name="digest"/> in the repository — what a
    /// <c>production</c> or digest reference resolved to, as the layout loader reports it — or null when none does or
    /// the registry will not list its tags. A label only (the digest is the identity), so it never stops the server.
    /// Highest version first: an alias usually names a recent one, so this mostly reads one small manifest.
    /// </summary>
    public async Task<string?> VersionTagAsync(string digest, CancellationToken cancellationToken)
    {
        try
        {
            // One page: n asks for up to 1000 tags, far more versions than a model keeps.
            var (list, _, _) = await GetAsync(new Uri(_reference.Origin, $"/v2/{_reference.Repository}/tags/list?n=1000"), "the tag list", "application/json", cancellationToken);
            using var document = JsonDocument.Parse(list);
            if (!document.RootElement.TryGetProperty("tags", out var tags) || tags.ValueKind != JsonValueKind.Array) return null;
            var versions = tags.EnumerateArray().Select(t => t.ValueKind == JsonValueKind.String ? t.GetString()! : "")
                .Where(t => OciIndex.VersionNumber(t) is not null).OrderByDescending(OciIndex.VersionNumber);
            foreach (var tag in versions)
            {
                var (manifest, _, _) = await GetAsync(new Uri(_reference.Origin, $"/v2/{_reference.Repository}/manifests/{tag}"), $"the manifest of {tag}", OciManifest.MediaTypeName, cancellationToken);
                if (OciBlobs.DigestOf(manifest) == digest) return tag;
            }
        }
        catch (Exception error) when (error is RegistryAccessException or JsonException) { }
        return null;
    }

    async Task<OciBlob> ReadBlobAsync(OciDescriptor descriptor, string what, CancellationToken cancellationToken)
    {
        // Checked before the digest goes into a URL; the bytes are checked against it by Unpack.
        BlobCheck.RequireSha256(descriptor.Digest, what, _reference.ToString());
        if (descriptor.Size is < 0 or > MaxBlobBytes)
            throw new ModelFormatException($"{_reference}: the manifest says {what} is {descriptor.Size} bytes; a model package's blobs are at most {MaxBlobBytes} bytes");
        var (bytes, _, _) = await GetAsync(_reference.Blob(descriptor.Digest), what, accept: null, cancellationToken);
        return new OciBlob(descriptor, bytes);
    }

    async Task<(byte[] Bytes, string? MediaType, string? StatedDigest)> GetAsync(Uri url, string what, string? accept, CancellationToken cancellationToken)
    {
        HttpRequestMessage Build()
        {
            var request = new HttpRequestMessage(HttpMethod.Get, url);
            if (accept is not null) request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue(accept));
            _auth.Apply(request, Scope);
            return request;
        }
        try
        {
            var response = await _http.SendAsync(Build(), cancellationToken);
            if (response.StatusCode == HttpStatusCode.Unauthorized
                && await _auth.AnswerAsync(response, Scope, reason => Fail(what, reason, LoginHint), cancellationToken))
            {
                response.Dispose();
                response = await _http.SendAsync(Build(), cancellationToken);
            }
            using (response)
            {
                if (response.StatusCode != HttpStatusCode.OK)
                    throw await RefusedAsync(response, what, cancellationToken);
                var stated = response.Headers.TryGetValues("Docker-Content-Digest", out var values) ? values.FirstOrDefault() : null;
                return (await response.Content.ReadAsByteArrayAsync(cancellationToken), response.Content.Headers.ContentType?.MediaType, stated);
            }
        }
        catch (HttpRequestException error)
        {
            throw Fail(what, $"could not reach {_reference.Origin.GetLeftPart(UriPartial.Authority)} ({error.Message})",
                "check that the registry runs and that TRAINYARD_MODEL names it (http:// or https:// first to choose the scheme)");
        }
        catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw Fail(what, $"no answer from {_reference.Origin.GetLeftPart(UriPartial.Authority)} within {_http.Timeout.TotalSeconds:0} s", "check the registry, then start the server again");
        }
    }

    async Task<RegistryAccessException> RefusedAsync(HttpResponseMessage response, string what, CancellationToken cancellationToken)
    {
        var body = await response.Content.ReadAsStringAsync(cancellationToken);
        var errors = RegistryError.ReadAll(body);
        var status = $"{(int)response.StatusCode} " + (errors.Count > 0 ? string.Join("; ", errors) : response.ReasonPhrase);
        var hint = response.StatusCode switch
        {
            HttpStatusCode.Unauthorized => LoginHint,
            HttpStatusCode.Forbidden => $"{_login} may not pull {_reference.Repository}: grant it pull access",
            HttpStatusCode.NotFound => $"check the repository and {(_reference.IsDigest ? "digest" : "tag")} in TRAINYARD_MODEL, or publish the model there first",
            _ => "see the registry's logs, then start the server again",
        };
        return Fail(what, status, hint);
    }

    string LoginHint => _login switch
    {
        { Token: { Length: > 0 } } => "the registry refused the bearer token: check TRAINYARD_REGISTRY_TOKEN",
        { Username: { Length: > 0 } } => $"the registry refused {_login}: check TRAINYARD_REGISTRY_USERNAME and TRAINYARD_REGISTRY_PASSWORD",
        _ => "set TRAINYARD_REGISTRY_USERNAME and TRAINYARD_REGISTRY_PASSWORD (or TRAINYARD_REGISTRY_TOKEN)",
    };

    RegistryAccessException Fail(string what, string reason, string hint)
    {
        var message = $"{_reference}: reading {what}: {reason} — {hint}";
        // A proxy or token server could echo a secret in its body: never print one.
        foreach (var secret in new[] { _login.Password, _login.Token })
            if (!string.IsNullOrEmpty(secret)) message = message.Replace(secret, "***", StringComparison.Ordinal);
        return new RegistryAccessException(message);
    }

    public void Dispose() => _http.Dispose();
}

/// <summary>The registry could not be reached or refused the read: the message names the reference and what to set.</summary>
internal sealed class RegistryAccessException(string message) : Exception(message);
