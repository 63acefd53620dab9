namespace Trainyard.Pipelines;

/// <summary>
/// The pipeline specs of a repository: the <c>*.yml</c> files in <c>pipelines/</c> other than schema files. With no
/// <c>--pipeline</c>, a repository with one spec runs that one; with several, the user chooses.
/// </summary>
internal static class PipelineFiles
{
    public const string Folder = "pipelines";

    /// <summary>Paths relative to the root, in name order.</summary>
    public static IReadOnlyList<string> Under(string root)
    {
        var folder = Path.Combine(root, Folder);
        if (!Directory.Exists(folder)) return [];
        return [.. Directory.EnumerateFiles(folder)
            .Where(f => f.EndsWith(".yml", StringComparison.Ordinal) || f.EndsWith(".yaml", StringComparison.Ordinal))
            .Where(f => !Path.GetFileName(f).Contains(".schema.", StringComparison.Ordinal))
            .Select(f => $"{Folder}/{Path.GetFileName(f)}")
            .Order(StringComparer.Ordinal)];
    }

    /// <summary>The default for <c>--pipeline</c>: the only spec there is, else a usage error listing what was found.</summary>
    public static string TheOnlyOne(string root)
    {
        const string choose = "choose one with --pipeline, the environment variable TRAINYARD_PIPELINE, or \"Pipeline\" in .trainyard/parameters.json";
        var specs = Under(root);
        return specs.Count switch
        {
            1 => specs[0],
            0 => throw new UsageException($"No --pipeline given, and {Folder}/ holds no pipeline spec (*.yml). Write one " +
                $"('dotnet new trainyard --name NAME' drafts {Folder}/NAME.yml), or {choose}."),
            _ => throw new UsageException($"No --pipeline given, and {Folder}/ holds {specs.Count} pipeline specs: {string.Join(", ", specs)}; {choose}."),
        };
    }
}
