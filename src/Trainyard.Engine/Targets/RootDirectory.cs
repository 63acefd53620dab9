namespace Trainyard.Targets;

/// <summary>The repository root: <c>--root</c>, else the nearest ancestor holding a <c>.trainyard</c> folder, else the current directory.</summary>
internal static class RootDirectory
{
    public static string Find(string currentDirectory, string? given)
    {
        if (given is not null)
        {
            var root = Path.GetFullPath(given, currentDirectory);
            return Directory.Exists(root) ? root : throw new UsageException($"--root: directory '{root}' does not exist.");
        }
        for (var directory = new DirectoryInfo(currentDirectory); directory is not null; directory = directory.Parent)
            if (Directory.Exists(Path.Combine(directory.FullName, ".trainyard")))
                return directory.FullName;
        return Path.GetFullPath(currentDirectory);
    }
}
