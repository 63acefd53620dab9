using System.Diagnostics;

namespace Trainyard.Training;

/// <summary>
/// The commit the model was built from, and whether the working tree had uncommitted changes: a model trained from
/// a dirty tree cannot be rebuilt from its commit alone, so lineage records it. Null fields when git is not there
/// (a source tarball, a container without git): lineage says "unknown" rather than failing the build.
/// </summary>
internal sealed record SourceRevision(string? Commit, bool? Dirty)
{
    public static async Task<SourceRevision> ReadAsync(string root, CancellationToken cancellationToken)
    {
        var commit = await GitAsync(root, ["rev-parse", "HEAD"], cancellationToken);
        if (commit is null) return new SourceRevision(null, null);
        // Only tracked files count: untracked build outputs should not mark every CI build dirty.
        var status = await GitAsync(root, ["status", "--porcelain", "--untracked-files=no"], cancellationToken);
        return new SourceRevision(commit.Trim(), status is null ? null : status.Trim().Length > 0);
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
