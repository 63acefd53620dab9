using System.Reflection;
using Trainyard.IO;

namespace Trainyard.Targets;

/// <summary>
/// What a target's outputs were made from: the tool version, the parameters and values the target declares it uses
/// (<see cref="ITargetDefinition.Uses{T}"/>), and the content of each input file. Kept part by part so a re-run can
/// say which part changed.
/// </summary>
internal sealed record Fingerprint(
    string ToolVersion,
    SortedDictionary<string, string> Parameters,
    SortedDictionary<string, string> Values,
    SortedDictionary<string, string> Inputs)
{
    public const string Missing = "missing";

    public string Hash => Sha256(string.Join("\n",
        new[] { "tool=" + ToolVersion }
            .Concat(Parameters.Select(p => $"parameter:{p.Key}={p.Value}"))
            .Concat(Values.Select(v => $"value:{v.Key}={v.Value}"))
            .Concat(Inputs.Select(i => $"input:{i.Key}={i.Value}"))));

    /// <param name="values">Stored as their hashes: a spec section can be long, and only its change matters.</param>
    public static Fingerprint Compute(string root, string toolVersion, IEnumerable<KeyValuePair<string, string>> parameters,
        IEnumerable<KeyValuePair<string, string>> values, IEnumerable<string> inputs)
    {
        var files = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var input in inputs)
        {
            var path = Path.GetFullPath(input, root);
            if (Directory.Exists(path))
                foreach (var file in Directory.EnumerateFiles(path, "*", SearchOption.AllDirectories))
                    files[Relative(root, file)] = HashFile(file);
            else
                files[Relative(root, path)] = File.Exists(path) ? HashFile(path) : Missing;
        }
        return new Fingerprint(toolVersion, Sorted(parameters), Sorted(values.Select(v => KeyValuePair.Create(v.Key, Sha256(v.Value)))), files);
    }

    /// <summary>
    /// Trainyard's version and the build identities of its assemblies and of the build's own, so that changing
    /// Trainyard's code or the build's code (a Configure hook, a trainer) runs targets again.
    /// </summary>
    public static string ToolVersionOf(Type buildType)
    {
        var trainyard = typeof(Fingerprint).Assembly;
        var version = trainyard.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "unknown";
        var components = PackageVersions.Assemblies(buildType).Append(buildType.Assembly).Distinct()
            .Select(a => a.ManifestModule.ModuleVersionId.ToString("N")).Order(StringComparer.Ordinal);
        return $"{version}/{string.Join("/", components)}";
    }

    public static string Relative(string root, string path) => Path.GetRelativePath(root, path).Replace('\\', '/');

    public static string Sha256(string text) => ContentHash.Of(text);

    private static string HashFile(string path) => ContentHash.OfFile(path);

    // Last one wins: a parameter declared twice is one parameter.
    private static SortedDictionary<string, string> Sorted(IEnumerable<KeyValuePair<string, string>> pairs)
    {
        var sorted = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var (key, value) in pairs) sorted[key] = value;
        return sorted;
    }
}
