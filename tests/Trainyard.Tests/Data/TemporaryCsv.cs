using System.Text;

namespace Trainyard.Tests.Data;

/// <summary>A CSV file in a fresh temporary folder, deleted afterwards; written byte for byte as given.</summary>
internal sealed class TemporaryCsv : IDisposable
{
    private readonly string _folder = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "trainyard-tests", Guid.NewGuid().ToString("N"));

    public TemporaryCsv(string text) : this(Encoding.UTF8.GetBytes(text)) { }

    public TemporaryCsv(byte[] bytes)
    {
        Directory.CreateDirectory(_folder);
        Path = System.IO.Path.Combine(_folder, "data.csv");
        File.WriteAllBytes(Path, bytes);
    }

    public string Path { get; }

    public void Dispose() => Directory.Delete(_folder, recursive: true);
}

/// <summary>The repository's sample data (data/*.csv), found by walking up to Repo.sln.</summary>
internal static class SampleData
{
    public static string PathOf(string fileName)
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
            if (File.Exists(System.IO.Path.Combine(folder.FullName, "Repo.sln")))
                return System.IO.Path.Combine(folder.FullName, "data", fileName);
        throw new InvalidOperationException("Repo.sln not found above " + AppContext.BaseDirectory);
    }
}
