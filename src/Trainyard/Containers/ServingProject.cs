using System.Runtime.CompilerServices;
using System.Text.RegularExpressions;
using Trainyard.IO;

namespace Trainyard.Containers;

/// <summary>
/// Where the model server's project is. A consuming repository has no src/Trainyard.Serving: it references a
/// Trainyard checkout from build/_build.csproj, and the server is taken from that same checkout — the one this
/// build was compiled from — so the image serves with the Trainyard version that trained and packaged the model.
/// Order: <c>--serving-project</c>; <c>src/Trainyard.Serving</c> under the root (Trainyard's own repository); the
/// checkout this assembly was built from. None found is an error that says to pass <c>--serving-project</c>.
/// </summary>
internal static partial class ServingProject
{
    public const string FileName = "Trainyard.Serving.csproj";

    public static string Locate(string root, string? explicitPath)
    {
        if (explicitPath is { Length: > 0 })
        {
            var full = RepositoryPath.Full(root, explicitPath);
            var project = Directory.Exists(full) ? Path.Combine(full, FileName) : full;
            return File.Exists(project) ? project
                : throw new UsageException($"--serving-project {explicitPath}: no {FileName} there; point it at src/Trainyard.Serving in a Trainyard checkout");
        }
        var candidates = new[] { Path.Combine(root, "src", "Trainyard.Serving", FileName), FromThisCheckout() };
        return candidates.FirstOrDefault(File.Exists)
            ?? throw new TrainyardException($"Cannot find the model server's project ({FileName}): not under {Path.Combine(root, "src")} nor in the " +
                $"Trainyard checkout this build was compiled from ({candidates[1]}). Pass --serving-project PATH/TO/src/Trainyard.Serving");
    }

    /// <summary>
    /// The files whose change means a new publish: every source and project file of the server and of the projects
    /// it references (followed through ProjectReference), and the Directory.Build.props files above them.
    /// </summary>
    public static IReadOnlyList<string> SourceFiles(string project)
    {
        var files = new SortedSet<string>(StringComparer.Ordinal);
        var pending = new Queue<string>([Path.GetFullPath(project)]);
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

    // This file's path when it was compiled: src/Trainyard/Containers/ServingProject.cs in the referenced checkout.
    static string FromThisCheckout([CallerFilePath] string thisFile = "") =>
        Path.GetFullPath(Path.Combine(Path.GetDirectoryName(thisFile) ?? ".", "..", "..", "Trainyard.Serving", FileName));

    [GeneratedRegex("<ProjectReference\\s+Include=\"([^\"]+)\"")]
    private static partial Regex ProjectReference();
}
