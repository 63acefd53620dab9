using Trainyard.Runtime.Packaging;
using Trainyard.Runtime.Registry;

namespace Trainyard.Registry.Distribution;

/// <summary>
/// Where a registry's API is and how its URLs are spelled. The URL's path is a repository prefix:
/// <c>http://127.0.0.1:5000/models</c> puts model <c>credit-risk</c> in repository <c>models/credit-risk</c>, whose
/// blobs are at <c>http://127.0.0.1:5000/v2/models/credit-risk/blobs/&lt;digest&gt;</c>.
/// Names and references are checked before they go into a URL, so a bad one is a clear error, not a stray path.
/// </summary>
internal sealed record DistributionAddress
{
    public DistributionAddress(Uri registry)
    {
        if (!registry.IsAbsoluteUri || registry.Scheme is not ("http" or "https") || registry.Query.Length > 0)
            throw new TrainyardException($"registry URL '{registry}' is not an http(s) URL like https://ghcr.io/acme/models.");
        Origin = registry.GetLeftPart(UriPartial.Authority);
        Prefix = registry.AbsolutePath.Trim('/');
        if (Prefix.Length > 0 && !DistributionGrammar.IsRepositoryName(Prefix))
            throw new TrainyardException($"registry URL '{registry}': the path '{Prefix}' is not a valid repository prefix ({DistributionGrammar.NameRule}).");
        Location = Prefix.Length == 0 ? Origin : $"{Origin}/{Prefix}";
    }

    /// <summary>The registry URL as the user wrote it, without a trailing slash: for messages.</summary>
    public string Location { get; }

    string Origin { get; }
    string Prefix { get; }

    /// <summary>The repository that holds <paramref name="model"/> (its name with the prefix).</summary>
    public string Repository(string model)
    {
        if (!DistributionGrammar.IsRepositoryName(model))
            throw new TrainyardException($"registry {Location}: model name '{model}' cannot be a repository name: use {DistributionGrammar.NameRule}.");
        return Prefix.Length == 0 ? model : $"{Prefix}/{model}";
    }

    public Uri Blob(string repository, string digest) => Api($"{repository}/blobs/{CheckDigest(digest)}");

    /// <summary>Starts an upload; with <paramref name="mountFrom"/>, asks to mount the blob from that repository instead.</summary>
    public Uri Uploads(string repository, string? digest = null, string? mountFrom = null) =>
        Api($"{repository}/blobs/uploads/" + (mountFrom is null ? "" : $"?mount={CheckDigest(digest!)}&from={Uri.EscapeDataString(mountFrom)}"));

    public Uri Manifest(string repository, string reference)
    {
        if (!IsDigest(reference) && !DistributionGrammar.IsTag(reference))
            throw new TrainyardException($"registry {Location}: '{reference}' is neither a tag ({DistributionGrammar.TagRule}) nor a sha256 digest.");
        return Api($"{repository}/manifests/{reference}");
    }

    public Uri Tags(string repository, int pageSize) => Api($"{repository}/tags/list?n={pageSize}");

    /// <summary>A URL to send credentials to: only the registry's own origin (a redirect elsewhere gets none).</summary>
    public bool IsSameOrigin(Uri url) => string.Equals(url.GetLeftPart(UriPartial.Authority), Origin, StringComparison.OrdinalIgnoreCase);

    /// <summary>Adds <c>digest=</c> to an upload URL that may already carry the registry's own query (<c>_state=…</c>).</summary>
    public static Uri WithDigest(Uri upload, string digest) =>
        new(upload.AbsoluteUri + (upload.Query.Length > 0 ? "&" : "?") + "digest=" + Uri.EscapeDataString(CheckDigest(digest)));

    public static bool IsDigest(string reference) => BlobCheck.IsSha256(reference);

    static string CheckDigest(string digest) => IsDigest(digest)
        ? digest
        : throw new TrainyardException($"'{digest}' is not a sha256 digest (sha256: and 64 lower-case hex digits).");

    Uri Api(string path) => new($"{Origin}/v2/{path}");
}
