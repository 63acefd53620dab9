using System.Reflection;
using System.Security.Cryptography;
using System.Text;

using Trainyard.IO;

namespace Trainyard.Targets;

/// <summary>
/// What a target's outputs were made from: the tool version, every non-secret parameter value and the content of
/// each input file. Kept part by part so a re-run can say which part changed.
/// </summary>
internal sealed record Fingerprint(
    string ToolVersion,
    SortedDictionary<string, string> Parameters,
    SortedDictionary<string, string> Inputs)
{
    public const string Missing = "missing";

    public string Hash => Sha256(string.Join("\n",
        new[] { "tool=" + ToolVersion }
            .Concat(Parameters.Select(p => $"parameter:{p.Key}={p.Value}"))
            .Concat(Inputs.Select(i => $"input:{i.Key}={i.Value}"))));

    public static Fingerprint Compute(string root, string toolVersion, IEnumerable<KeyValuePair<string, string>> parameters, IEnumerable<string> inputs)
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
        return new Fingerprint(toolVersion, new SortedDictionary<string, string>(parameters.ToDictionary(), StringComparer.Ordinal), files);
    }

    /// <summary>Trainyard's version and both assemblies' build identities, so changing the build code re-runs targets.</summary>
    public static string ToolVersionOf(Type buildType)
    {
        var trainyard = typeof(Fingerprint).Assembly;
        var version = trainyard.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "unknown";
        return $"{version}/{trainyard.ManifestModule.ModuleVersionId:N}/{buildType.Assembly.ManifestModule.ModuleVersionId:N}";
    }

    public static string Relative(string root, string path) => Path.GetRelativePath(root, path).Replace('\\', '/');

    public static string Sha256(string text) => ContentHash.Of(text);

    private static string HashFile(string path) => ContentHash.OfFile(path);
}
