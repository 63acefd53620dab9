namespace Trainyard.Tests.Pipelines;

/// <summary>The repository the tests were built from: the folder holding Repo.sln above the test binaries.</summary>
internal static class RepositoryRoot
{
    public static string Path { get; } = Find();

    public static string File(string relativePath) => System.IO.Path.Combine(Path, relativePath);

    private static string Find()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
            if (System.IO.File.Exists(System.IO.Path.Combine(folder.FullName, "Repo.sln")))
                return folder.FullName;
        throw new InvalidOperationException($"no Repo.sln above {AppContext.BaseDirectory}");
    }
}
