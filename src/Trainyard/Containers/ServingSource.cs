using System.Reflection;
using System.Text.RegularExpressions;
using Trainyard.IO;

namespace Trainyard.Containers;

/// <summary>
/// Where the model server comes from: a Trainyard.Serving project, referenced from source, or the Trainyard.Serving
/// package. In order: <c>--serving-project</c>; <c>src/Trainyard.Serving</c> under the root (Trainyard's own
/// repository); otherwise — a consuming repository, which has Trainyard from NuGet and no Trainyard source — the
/// package at the running Trainyard's own version, so the image serves with the version that trained and packaged the
/// model. NuGet finds it through the repository's own nuget.config.
/// </summary>
internal sealed partial record ServingSource(string? Project, string? PackageVersion)
{
    public const string PackageId = "Trainyard.Serving";
    public const string FileName = "Trainyard.Serving.csproj";

    public static ServingSource FromProject(string project) => new(Path.GetFullPath(project), null);

    public static ServingSource FromPackage(string version) => new(null, version);

    public static ServingSource Locate(string root, string? explicitPath)
    {
        if (explicitPath is { Length: > 0 })
        {
            var full = RepositoryPath.Full(root, explicitPath);
            var project = Directory.Exists(full) ? Path.Combine(full, FileName) : full;
            return File.Exists(project) ? FromProject(project)
                : throw new UsageException($"--serving-project {explicitPath}: no {FileName} there; point it at src/Trainyard.Serving in a Trainyard checkout");
        }
        var own = Path.Combine(root, "src", "Trainyard.Serving", FileName);
        return File.Exists(own) ? FromProject(own) : FromPackage(VersionOf(typeof(ServingSource).Assembly));
    }

    /// <summary>An assembly's version as its package is versioned: the informational version without <c>+metadata</c> (the commit).</summary>
    public static string VersionOf(Assembly assembly)
    {
        var informational = assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion
            ?? assembly.GetName().Version?.ToString(3)
            ?? throw new InvalidOperationException($"{assembly.GetName().Name} has no version");
        var plus = informational.IndexOf('+', StringComparison.Ordinal);
        return plus < 0 ? informational : informational[..plus];
    }

    /// <summary>How messages name it: the project's path, or the package and its version.</summary>
    public string Shown(Func<string, string> shownPath) => Project is { } project ? shownPath(project) : $"the {PackageId} {PackageVersion} package";

    /// <summary>
    /// The files whose change means a new publish: for a project, every source and project file of the server and of
    /// the projects it references (followed through ProjectReference), and the Directory.Build.props files above them;
    /// none for a package, whose version (in the generated host project) stands for its content.
    /// </summary>
    public IReadOnlyList<string> SourceFiles()
    {
        if (Project is null) return [];
        var files = new SortedSet<string>(StringComparer.Ordinal);
        var pending = new Queue<string>([Project]);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        while (pending.TryDequeue(out var next))
        {
            if (!seen.Add(next) || !File.Exists(next)) continue;
            var folder = Path.GetDirectoryName(next)!;
            foreach (var file in Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories))
                if (!IsBuildOutput(folder, file)) files.Add(file);
            foreach (Match reference in ProjectReference().Matches(File.ReadAllText(next)))
                pending.Enqueue(Path.GetFullPath(Path.Combine(folder, reference.Groups[1].Value.Replace('\\', '/'))));
            for (var up = Directory.GetParent(folder); up is not null; up = up.Parent)
                if (File.Exists(Path.Combine(up.FullName, "Directory.Build.props"))) files.Add(Path.Combine(up.FullName, "Directory.Build.props"));
        }
        return [.. files];
    }

    static bool IsBuildOutput(string projectFolder, string file)
    {
        var relative = Path.GetRelativePath(projectFolder, file).Replace('\\', '/');
        return relative.StartsWith("bin/", StringComparison.Ordinal) || relative.StartsWith("obj/", StringComparison.Ordinal);
    }

    [GeneratedRegex("<ProjectReference\\s+Include=\"([^\"]+)\"")]
    private static partial Regex ProjectReference();
}
