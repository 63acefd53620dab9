using Spectre.Console;
using System.Reflection;
using Trainyard.IO;

namespace Trainyard.Targets.Workflows;

/// <summary>A generated workflow: its path relative to the root and its text.</summary>
internal sealed record WorkflowFile(string Path, string Text, int Jobs);

/// <summary>
/// Writes (or, with <c>check</c>, compares) <c>.github/workflows/&lt;name&gt;.yml</c> for each [GitHubActions]
/// attribute on the build. A file that carries the generated marker but no longer has an attribute is removed.
/// </summary>
internal static class WorkflowFiles
{
    public const string Folder = ".github/workflows";

    public static IReadOnlyList<WorkflowFile> Generate(TrainyardBuild build)
    {
        var type = build.GetType();
        var workflows = type.GetCustomAttributes<GitHubActionsAttribute>(inherit: true).OrderBy(w => w.Name, StringComparer.Ordinal).ToList();
        WorkflowCheck.Check(type, workflows);
        return workflows.Select(workflow =>
        {
            var jobs = WorkflowGraph.Jobs(build, workflow);
            return new WorkflowFile($"{Folder}/{workflow.Name}.yml", WorkflowDocument.Render(type, workflow, jobs, build.Context.RootDirectory), jobs.Count);
        }).ToList();
    }

    public static async Task WriteAsync(TrainyardBuild build, bool check, CancellationToken cancellationToken)
    {
        var root = build.Context.RootDirectory;
        var console = build.Context.Console;
        var files = Generate(build);
        if (files.Count == 0)
            console.WriteLine($"No [GitHubActions] attribute on {build.GetType().Name}: no workflow to generate.");
        var stale = Stale(root, files);

        if (check)
        {
            var differences = new List<string>();
            foreach (var file in files)
            {
                var path = Path.Combine(root, file.Path);
                var committed = File.Exists(path) ? (await File.ReadAllTextAsync(path, cancellationToken)).ReplaceLineEndings("\n") : null;
                if (committed is null) differences.Add($"{file.Path} is missing");
                else if (committed != file.Text) differences.Add($"{file.Path} differs from what the build generates:\n{LineDiff.Unified(committed, file.Text)}");
            }
            differences.AddRange(stale.Select(s => $"{s} was generated for an attribute the build no longer has"));
            if (differences.Count > 0)
                throw new TrainyardException($"The committed workflows are not what ./build.sh Workflows generates; run it and commit the result.\n{string.Join("\n", differences)}");
            console.WriteLine($"{files.Count} workflow(s) in {Folder} are what the build generates.");
            return;
        }

        foreach (var file in files)
        {
            var path = Path.Combine(root, file.Path);
            var same = File.Exists(path) && (await File.ReadAllTextAsync(path, cancellationToken)).ReplaceLineEndings("\n") == file.Text;
            if (!same) await AtomicFile.WriteAllTextAsync(path, file.Text, cancellationToken);
            console.WriteLine($"{(same ? "Unchanged" : "Wrote")} {file.Path} ({file.Jobs} jobs)");
        }
        foreach (var path in stale)
        {
            File.Delete(Path.Combine(root, path));
            console.WriteLine($"Removed {path}: no [GitHubActions] attribute generates it any more");
        }
    }

    /// <summary>Workflows this command generated earlier (they carry the marker) that no attribute generates now.</summary>
    private static IReadOnlyList<string> Stale(string root, IReadOnlyList<WorkflowFile> files)
    {
        var folder = Path.Combine(root, Folder);
        if (!Directory.Exists(folder)) return [];
        var current = files.Select(f => f.Path).ToHashSet();
        return Directory.EnumerateFiles(folder, "*.yml")
            .Select(p => $"{Folder}/{Path.GetFileName(p)}")
            .Where(p => !current.Contains(p) && File.ReadLines(Path.Combine(root, p)).FirstOrDefault()?.Contains(WorkflowDocument.Marker) == true)
            .Order(StringComparer.Ordinal).ToList();
    }
}
