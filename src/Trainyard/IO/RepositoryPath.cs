namespace Trainyard.IO;

/// <summary>
/// Paths in pipeline specs are relative to the repository root. Files are opened by full path but named in messages
/// relative to the current directory, which is the root when run through build.sh, so messages match the spec.
/// </summary>
internal static class RepositoryPath
{
    public static string Full(string root, string path) => Path.GetFullPath(Path.Combine(root, path));

    public static string Shown(string root, string path) =>
        Path.GetRelativePath(Environment.CurrentDirectory, Full(root, path)).Replace('\\', '/');
}
