namespace Trainyard.Tests.Data.Files;

/// <summary>A fresh folder standing for a repository root, deleted afterwards; files written by path relative to it.</summary>
internal sealed class TemporaryRoot : IDisposable
{
    public string Path { get; } = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "trainyard-tests", Guid.NewGuid().ToString("N"));

    public TemporaryRoot() => Directory.CreateDirectory(Path);

    public void Write(string relative, string text)
    {
        var path = System.IO.Path.Combine(Path, relative);
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(path)!);
        File.WriteAllText(path, text);
    }

    public void Dispose() => Directory.Delete(Path, recursive: true);
}
