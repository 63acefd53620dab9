using System.Diagnostics;
using Trainyard.Artifacts;

namespace Trainyard.Training;

/// <summary>Asks git which commit a run is built from (<see cref="SourceRevision"/>, recorded in run.json).</summary>
internal static class GitRevision
{
    /// <param name="inputs">The files the run read (spec, schema, data), relative to <paramref name="root"/> or absolute.</param>
    public static async Task<SourceRevision> ReadAsync(string root, IEnumerable<string> inputs, CancellationToken cancellationToken)
    {
        var commit = await GitAsync(root, ["rev-parse", "HEAD"], cancellationToken);
        if (commit is null) return new SourceRevision(null, null);
        // Tracked changes anywhere count; untracked files only when the run read them: untracked build outputs
        // should not mark every CI build dirty, but an untracked (or ignored) spec, schema or data file is not in
        // the commit, so the commit alone cannot rebuild the model.
        var tracked = await GitAsync(root, ["status", "--porcelain", "--untracked-files=no"], cancellationToken);
        var paths = InRepository(root, inputs);
        var read = paths.Count == 0 ? ""
            : await GitAsync(root, ["status", "--porcelain", "--untracked-files=all", "--ignored", "--", .. paths], cancellationToken);
        return new SourceRevision(commit.Trim(), tracked is null || read is null ? null : tracked.Trim().Length > 0 || read.Trim().Length > 0);
    }

    static List<string> InRepository(string root, IEnumerable<string> inputs)
    {
        var top = Path.GetFullPath(root);
        return inputs.Select(p => Path.GetRelativePath(top, Path.GetFullPath(Path.Combine(top, p))))
            .Where(p => !p.StartsWith("..", StringComparison.Ordinal) && !Path.IsPathRooted(p))
            .Distinct(StringComparer.Ordinal).ToList();
    }

    internal static async Task<string?> GitAsync(string root, IReadOnlyList<string> arguments, CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo("git", arguments)
        {
            WorkingDirectory = root,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        try
        {
            using var git = Process.Start(start);
            if (git is null) return null;
            var output = git.StandardOutput.ReadToEndAsync(cancellationToken);
            _ = git.StandardError.ReadToEndAsync(cancellationToken);
            await git.WaitForExitAsync(cancellationToken);
            return git.ExitCode == 0 ? await output : null;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return null; // git is not installed
        }
    }
}
