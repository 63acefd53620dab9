using Trainyard.Runtime;
using System.Text.RegularExpressions;
using Trainyard.IO;
using Trainyard.Runtime.Packaging;
using Trainyard.Registry.Distribution;
using Trainyard.Registry.Layout;

namespace Trainyard.Registry;

/// <summary>
/// Which store a <c>--registry</c> value means: an <c>http://</c> or <c>https://</c> URL is a registry spoken to over
/// the distribution API (<see cref="DistributionStore"/>); anything else is a folder relative to the repository root
/// holding one OCI image layout per model (<see cref="OciLayoutStore"/>).
/// </summary>
internal static class RegistryStore
{
    public const string DefaultLocation = ".trainyard/registry";

    public static bool IsRemote(string location) =>
        location.StartsWith("http://", StringComparison.OrdinalIgnoreCase) || location.StartsWith("https://", StringComparison.OrdinalIgnoreCase);

    /// <summary>The store; a remote one holds an HTTP client, so dispose what is <see cref="IDisposable"/>.</summary>
    public static IOciStore Open(string location, string root, RegistryCredentials credentials)
    {
        if (string.IsNullOrWhiteSpace(location))
            throw new UsageException($"--registry is empty: give a folder (default {DefaultLocation}) or a registry URL such as https://ghcr.io/OWNER/models");
        if (!IsRemote(location)) return new OciLayoutStore(RepositoryPath.Full(root, location), location);
        if (!Uri.TryCreate(location, UriKind.Absolute, out var url) || url.Host.Length == 0 || url.Query.Length > 0 || url.Fragment.Length > 0)
            throw new UsageException($"--registry '{location}' is not a registry URL: expected https://HOST[:PORT]/PREFIX, e.g. https://ghcr.io/OWNER/models");
        return new DistributionStore(url, credentials);
    }

    /// <summary>
    /// What targets that compare with production (Evaluate's baseline, Report, Comment) depend on in the registry,
    /// for their up-to-date checks: the manifest digest the <c>production</c> tag names in the local layout's
    /// index.json, or "none". Not the whole index.json: new versions, deploys and alias history change it too, and
    /// must not rerun Evaluate. Null for a remote registry (those targets say they always run).
    /// </summary>
    public static string? ProductionDigest(string location, string root, string model)
    {
        if (IsRemote(location)) return null;
        var path = Path.Combine(RepositoryPath.Full(root, location), model, OciImageLayout.IndexFile);
        if (!File.Exists(path)) return "none";
        try
        {
            return OciIndex.Parse(File.ReadAllBytes(path), path).Find(AliasName.Production)?.Digest ?? "none";
        }
        catch (Exception e) when (e is ModelFormatException or IOException)
        {
            // The target runs and its registry read reports the problem properly.
            return $"unreadable: {e.Message}";
        }
    }
}

/// <summary>
/// What may name a model's repository in a store: the distribution spec's path component — lower-case letters and
/// digits, separated by '.', '_', '__' or dashes. A pipeline name may hold more (upper case), so it is checked here
/// with a message that says how to rename it.
/// </summary>
internal static partial class RepositoryName
{
    public static bool IsValid(string name) => Pattern().IsMatch(name);

    public static string Problem(string name) =>
        $"the pipeline name '{name}' cannot name a model in a registry: use lower-case letters and digits separated by '.', '_' or '-' " +
        $"(e.g. name: {name.ToLowerInvariant()})";

    public static void Require(string name)
    {
        if (!IsValid(name)) throw new TrainyardException(Problem(name));
    }

    [GeneratedRegex("^[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*$")]
    private static partial Regex Pattern();
}
