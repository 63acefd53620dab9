using Trainyard.Tests.Pipelines;

namespace Trainyard.Tests.Templates;

/// <summary>
/// Trainyard.Templates packed with <c>dotnet pack -p:MinVerVersionOverride=…</c> into a temporary feed and installed into a
/// private template hive (<c>--debug:custom-hive</c>), so the machine's own dotnet new templates are untouched.
/// </summary>
public sealed class TemplatePack : IAsyncLifetime
{
    public const string Version = "9.8.7-templatetest";

    readonly string _root = Directory.CreateTempSubdirectory("trainyard-templates-").FullName;

    string Hive => Path.Combine(_root, "hive");

    public async Task InitializeAsync()
    {
        var feed = Path.Combine(_root, "feed");
        var project = RepositoryRoot.File("src/Trainyard.Templates/Trainyard.Templates.csproj");
        await RunAsync(_root, "pack", project, "-o", feed, $"-p:MinVerVersionOverride={Version}", "-nologo", "-nodeReuse:false").Succeeds();
        await RunAsync(_root, "new", "install", Path.Combine(feed, $"Trainyard.Templates.{Version}.nupkg"), "--debug:custom-hive", Hive).Succeeds();
    }

    /// <summary>An empty folder to create the template in: a repository of the test's own.</summary>
    public string NewFolder(string name)
    {
        var folder = Path.Combine(_root, "repositories", name);
        Directory.CreateDirectory(folder);
        return folder;
    }

    /// <summary><c>dotnet new trainyard</c> with the arguments given, in <paramref name="folder"/>.</summary>
    public Task<DotnetResult> NewTrainyardAsync(string folder, params string[] arguments) =>
        RunAsync(folder, ["new", "trainyard", .. arguments, "--debug:custom-hive", Hive]);

    public Task DisposeAsync()
    {
        Directory.Delete(_root, recursive: true);
        return Task.CompletedTask;
    }

    static async Task<DotnetResult> RunAsync(string folder, params string[] arguments)
    {
        var result = await Consumer.ChildProcess.RunAsync(folder, "dotnet", arguments, timeout: TimeSpan.FromMinutes(2));
        return new DotnetResult($"dotnet {string.Join(' ', arguments)}", result.ExitCode, result.Output);
    }
}

public sealed record DotnetResult(string Command, int ExitCode, string Output)
{
    public DotnetResult Succeeds()
    {
        Assert.True(ExitCode == 0, $"{Command} exited with {ExitCode}:\n{Output}");
        return this;
    }
}

internal static class DotnetResultTasks
{
    public static async Task<DotnetResult> Succeeds(this Task<DotnetResult> result) => (await result).Succeeds();
}
