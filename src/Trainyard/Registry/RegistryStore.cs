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
    /// The file that changes whenever the model's tags change, for up-to-date checks of targets that read the
    /// registry (Evaluate's baseline): the layout's index.json. None for a remote registry.
    /// </summary>
    public static IReadOnlyList<string> TagFiles(string location, string model) =>
        IsRemote(location) ? [] : [$"{location.TrimEnd('/', '\\')}/{model}/{OciImageLayout.IndexFile}"];
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
