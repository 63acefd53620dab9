using System.Globalization;
using Trainyard.Registry;

namespace Trainyard.Containers;

/// <summary>
/// The image's labels: OCI's annotations (what registries and scanners show) and Trainyard's own, which name the
/// model version and digest baked in, so <c>docker inspect</c> says which model an image serves.
/// </summary>
internal static class ImageLabels
{
    public const string ModelName = "dev.trainyard.model.name";
    public const string ModelVersion = "dev.trainyard.model.version";
    public const string ModelDigest = "dev.trainyard.model.digest";

    public static IReadOnlyDictionary<string, string> For(Registry.ModelVersion version, string? source, DateTimeOffset created)
    {
        var labels = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["org.opencontainers.image.title"] = $"{version.Metadata.Name} model server",
            ["org.opencontainers.image.description"] = $"Trainyard.Serving with the {version.Metadata.Name} model {version.Tag} ({version.Metadata.Task})",
            ["org.opencontainers.image.version"] = version.Tag,
            ["org.opencontainers.image.created"] = created.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture),
            [ModelName] = version.Metadata.Name,
            [ModelVersion] = version.Tag,
            [ModelDigest] = version.Digest,
        };
        if (version.Metadata.Lineage.Commit is { } commit) labels["org.opencontainers.image.revision"] = commit;
        if (source is not null) labels["org.opencontainers.image.source"] = source;
        return labels;
    }

    /// <summary>
    /// The repository's address for <c>org.opencontainers.image.source</c>: the GitHub repository in Actions, else the
    /// git remote <c>origin</c> (an scp-style <c>git@host:org/repo.git</c> written as https); null when neither is known.
    /// </summary>
    public static string? Source(IReadOnlyDictionary<string, string> environment, string? origin)
    {
        if (environment.GetValueOrDefault("GITHUB_REPOSITORY") is { Length: > 0 } repository)
            return $"{environment.GetValueOrDefault("GITHUB_SERVER_URL") ?? "https://github.com"}/{repository}";
        if (origin is not { Length: > 0 } url) return null;
        url = url.Trim();
        if (url.StartsWith("git@", StringComparison.Ordinal) && url.IndexOf(':') is var colon and > 4)
            url = $"https://{url[4..colon]}/{url[(colon + 1)..]}";
        if (url.EndsWith(".git", StringComparison.Ordinal)) url = url[..^4];
        // Never put credentials embedded in a remote URL into a label anyone can read.
        return Uri.TryCreate(url, UriKind.Absolute, out var parsed) && parsed.UserInfo.Length > 0
            ? new UriBuilder(parsed) { UserName = "", Password = "" }.Uri.ToString()
            : url;
    }
}
