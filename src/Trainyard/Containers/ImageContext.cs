using Trainyard.Docker;

namespace Trainyard.Containers;

/// <summary>
/// The build context: the Dockerfile, the published server (app/) and the model layout (model/), streamed as a tar
/// straight into the engine's request body — only these, never the rest of the artifacts folder. Modes are set
/// here, not taken from the disk: readable by everyone (the image runs as a non-root user), executables 755.
/// </summary>
internal static class ImageContext
{
    const int Directory = 0b111_101_101;   // 755
    const int File = 0b110_100_100;        // 644
    const int Executable = 0b111_101_101;  // 755

    public static async Task WriteAsync(string folder, IReadOnlyList<string> entries, Stream destination, CancellationToken cancellationToken)
    {
        await using var tar = new TarContext(destination);
        foreach (var entry in entries)
        {
            var path = Path.Combine(folder, entry);
            if (System.IO.Directory.Exists(path)) await AddTreeAsync(tar, folder, path, cancellationToken);
            else await AddFileAsync(tar, folder, path, cancellationToken);
        }
    }

    static async Task AddTreeAsync(TarContext tar, string root, string directory, CancellationToken cancellationToken)
    {
        await tar.AddDirectoryAsync(NameOf(root, directory), Directory, cancellationToken);
        foreach (var file in System.IO.Directory.EnumerateFiles(directory).Order(StringComparer.Ordinal))
            await AddFileAsync(tar, root, file, cancellationToken);
        foreach (var child in System.IO.Directory.EnumerateDirectories(directory).Order(StringComparer.Ordinal))
            await AddTreeAsync(tar, root, child, cancellationToken);
    }

    static async Task AddFileAsync(TarContext tar, string root, string file, CancellationToken cancellationToken)
    {
        var executable = !OperatingSystem.IsWindows() && (System.IO.File.GetUnixFileMode(file) & UnixFileMode.UserExecute) != 0;
        await using var content = new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, useAsync: true);
        await tar.AddFileAsync(NameOf(root, file), content, executable ? Executable : File, cancellationToken);
    }

    static string NameOf(string root, string path) => Path.GetRelativePath(root, path).Replace('\\', '/');
}
