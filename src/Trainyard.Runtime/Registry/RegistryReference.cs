using System.Net;
using Trainyard.Runtime.Packaging;

namespace Trainyard.Runtime.Registry;

/// <summary>
/// A model package in a remote OCI registry, as docker spells images: <c>host[:port]/repository:tag</c> or
/// <c>host[:port]/repository@sha256:…</c>, optionally with <c>http://</c> or <c>https://</c> first. Without a scheme a
/// loopback host is plain HTTP and any other HTTPS, as docker treats registries. The first part must name a host
/// (a dot, a port or <c>localhost</c>): there is no default registry to fall back to.
/// </summary>
internal sealed record RegistryReference(Uri Origin, string Repository, string Reference)
{
    public bool IsDigest => Reference.StartsWith("sha256:", StringComparison.Ordinal);

    /// <summary>As a user writes it, for messages: <c>localhost:5000/models/credit-risk:production</c>.</summary>
    public override string ToString() => $"{Origin.Authority}/{Repository}{(IsDigest ? "@" : ":")}{Reference}";

    public Uri Manifest => new(Origin, $"/v2/{Repository}/manifests/{Reference}");

    public Uri Blob(string digest) => new(Origin, $"/v2/{Repository}/blobs/{digest}");

    /// <summary>The reference, or null and what is wrong with <paramref name="text"/> (without naming the variable it came from).</summary>
    public static RegistryReference? Parse(string text, out string? problem)
    {
        problem = null;
        var rest = text.Trim();
        string? scheme = null;
        foreach (var prefix in new[] { "http://", "https://" })
            if (rest.StartsWith(prefix, StringComparison.OrdinalIgnoreCase)) (scheme, rest) = (prefix[..^3].ToLowerInvariant(), rest[prefix.Length..]);

        var slash = rest.IndexOf('/');
        var host = slash < 0 ? "" : rest[..slash];
        if (slash <= 0 || !(host.Contains('.') || host.Contains(':') || host.Equals("localhost", StringComparison.OrdinalIgnoreCase)))
        {
            problem = "names no registry host; write host[:port]/repository:tag, e.g. localhost:5000/models/credit-risk:production";
            return null;
        }
        if (!Uri.TryCreate($"http://{host}/", UriKind.Absolute, out var hostUri) || hostUri.PathAndQuery != "/" || hostUri.UserInfo.Length > 0)
        {
            problem = $"'{host}' is not a host[:port]";
            return null;
        }
        var path = rest[(slash + 1)..];
        string name, reference;
        var at = path.IndexOf('@');
        if (at >= 0)
        {
            // name:tag@digest is allowed, as in docker: the digest decides.
            (name, reference) = (path[..at], path[(at + 1)..]);
            var colon = name.LastIndexOf(':');
            if (colon >= 0) name = name[..colon];
            if (!BlobCheck.IsSha256(reference))
            {
                problem = $"'{reference}' is not a sha256 digest (sha256: and 64 lower-case hex digits)";
                return null;
            }
        }
        else
        {
            var colon = path.LastIndexOf(':');
            if (colon < 0)
            {
                problem = "names no tag or digest; add :production, :v3 or @sha256:… (a server should say which model it serves)";
                return null;
            }
            (name, reference) = (path[..colon], path[(colon + 1)..]);
            if (!DistributionGrammar.IsTag(reference))
            {
                problem = $"'{reference}' is not a tag ({DistributionGrammar.TagRule})";
                return null;
            }
        }
        if (!DistributionGrammar.IsRepositoryName(name))
        {
            problem = $"'{name}' is not a repository name ({DistributionGrammar.NameRule})";
            return null;
        }
        scheme ??= IsLoopback(hostUri.Host) ? "http" : "https";
        return new RegistryReference(new Uri($"{scheme}://{hostUri.Authority}"), name, reference);
    }

    static bool IsLoopback(string host) =>
        host.Equals("localhost", StringComparison.OrdinalIgnoreCase) || (IPAddress.TryParse(host.Trim('[', ']'), out var address) && IPAddress.IsLoopback(address));
}
