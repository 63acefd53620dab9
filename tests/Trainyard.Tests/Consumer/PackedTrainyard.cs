using System.Text.Json;
using Trainyard.Tests.Pipelines;

namespace Trainyard.Tests.Consumer;

/// <summary>
/// Trainyard as a team outside this repository gets it: every package packed (<c>dotnet pack</c>, a version of its
/// own so no stale copy in the NuGet cache can stand in for it) into a local feed, the template installed from that
/// feed into a private template hive, and consumer repositories made with <c>dotnet new trainyard</c> in a temporary
/// folder outside this repository, whose nuget.config names the feed first and nuget.org after it. Nothing in a
/// consumer points back at this repository: what its build runs comes from the packages alone.
/// </summary>
public sealed class PackedTrainyard : IAsyncLifetime
{
    static readonly string[] Projects =
    [
        "src/Trainyard.Engine/Trainyard.Engine.csproj", "src/Trainyard.Runtime/Trainyard.Runtime.csproj",
        "src/Trainyard/Trainyard.csproj", "src/Trainyard.Serving/Trainyard.Serving.csproj", "src/Trainyard.Gateway/Trainyard.Gateway.csproj",
        "src/Trainyard.Templates/Trainyard.Templates.csproj",
    ];

    public static readonly string[] PackageIds = ["Trainyard", "Trainyard.Engine", "Trainyard.Runtime", "Trainyard.Serving", "Trainyard.Gateway", "Trainyard.Templates"];

    readonly string _root = Directory.CreateTempSubdirectory("trainyard-consumer-").FullName;

    /// <summary>Unique per run: a prerelease of 0.1.0 stamped with the time.</summary>
    public string Version { get; } = $"0.1.0-consumer.{DateTime.UtcNow:yyyyMMddHHmmss}";

    /// <summary>A later release of Trainyard.Runtime alone, for the test of a build whose packages disagree.</summary>
    public string LaterVersion => Version.Replace("0.1.0-", "0.1.1-");

    public string Feed => Path.Combine(_root, "feed");
    string Hive => Path.Combine(_root, "hive");
    public TimeSpan PackTime { get; private set; }

    public async Task InitializeAsync()
    {
        var started = System.Diagnostics.Stopwatch.StartNew();
        // A solution filter: the six packable projects of this repository's solution, nothing else.
        var filter = Path.Combine(_root, "packages.slnf");
        await File.WriteAllTextAsync(filter, JsonSerializer.Serialize(new { solution = new { path = RepositoryRoot.File("Repo.sln"), projects = Projects } }));
        // --artifacts-path keeps this Release build's obj and bin out of the source folders the test run itself built.
        (await ChildProcess.RunAsync(_root, "dotnet", ["pack", filter, "-c", "Release", "-o", Feed, $"-p:MinVerVersionOverride={Version}",
            "--artifacts-path", Path.Combine(_root, "pack-build"), "-nologo", "-nodeReuse:false"])).Succeeds();
        await File.WriteAllTextAsync(Path.Combine(_root, "nuget.config"), $"""
            <?xml version="1.0" encoding="utf-8"?>
            <configuration>
              <packageSources>
                <clear />
                <add key="trainyard-packed" value="{Feed}" />
                <add key="nuget.org" value="https://api.nuget.org/v3/index.json" />
              </packageSources>
            </configuration>
            """);
        // As the README says: dotnet new install Trainyard.Templates::<version>, from the feed nuget.config names.
        (await ChildProcess.RunAsync(_root, "dotnet", ["new", "install", $"Trainyard.Templates::{Version}", "--debug:custom-hive", Hive])).Succeeds();
        PackTime = started.Elapsed;
    }

    /// <summary>Packs Trainyard.Runtime alone at <see cref="LaterVersion"/> into the feed, as a later release would be.</summary>
    public async Task PackLaterRuntimeAsync() =>
        (await ChildProcess.RunAsync(_root, "dotnet", ["pack", RepositoryRoot.File("src/Trainyard.Runtime/Trainyard.Runtime.csproj"), "-c", "Release",
            "-o", Feed, $"-p:MinVerVersionOverride={LaterVersion}", "--artifacts-path", Path.Combine(_root, "pack-later"), "-nologo", "-nodeReuse:false"])).Succeeds();

    /// <summary>
    /// A new git repository under the temporary folder (so the feed's nuget.config above it applies) with
    /// <c>dotnet new trainyard --name NAME</c> run in it and the credit data as <c>data/NAME.csv</c>, its spec's label
    /// set to Status with positive class bad.
    /// </summary>
    public async Task<ConsumerRepository> NewRepositoryAsync(string folderName, string name)
    {
        var folder = Path.Combine(_root, "repositories", folderName);
        Directory.CreateDirectory(folder);
        (await ChildProcess.RunAsync(folder, "dotnet", ["new", "trainyard", "--name", name, "--debug:custom-hive", Hive])).Succeeds();
        File.Copy(RepositoryRoot.File("data/credit_data.csv"), Path.Combine(folder, "data", $"{name}.csv"));
        var repository = new ConsumerRepository(folder, name);
        repository.EditSpec(spec => spec
            .Replace("label: label ", "label: Status ")
            .Replace("positive_class: \"yes\"", "positive_class: bad"));
        foreach (var git in new[] { "init -q", "add -A", "-c user.name=Team -c user.email=team@example.com commit -qm start" })
            (await ChildProcess.RunAsync(folder, "git", git.Split(' '))).Succeeds();
        return repository;
    }

    public Task DisposeAsync()
    {
        Directory.Delete(_root, recursive: true);
        // The packages this run restored into the machine's NuGet cache are this run's alone.
        var cache = Environment.GetEnvironmentVariable("NUGET_PACKAGES") is { Length: > 0 } configured
            ? configured
            : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".nuget", "packages");
        foreach (var id in PackageIds)
            foreach (var version in new[] { Version, LaterVersion })
            {
                var folder = Path.Combine(cache, id.ToLowerInvariant(), version);
                if (Directory.Exists(folder)) Directory.Delete(folder, recursive: true);
            }
        return Task.CompletedTask;
    }
}

/// <summary>A consumer's repository made from the template.</summary>
public sealed record ConsumerRepository(string Root, string Name)
{
    public string SpecPath => Path.Combine(Root, "pipelines", $"{Name}.yml");

    public void EditSpec(Func<string, string> edit) => File.WriteAllText(SpecPath, edit(File.ReadAllText(SpecPath)));

    public string Read(string relative) => File.ReadAllText(Path.Combine(Root, relative));

    public void Write(string relative, string text)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(Path.Combine(Root, relative))!);
        File.WriteAllText(Path.Combine(Root, relative), text);
    }

    /// <summary><c>./build.sh ARGS</c>, run as its own executable (the template made it one).</summary>
    public Task<CommandResult> BuildAsync(params string[] arguments) => ChildProcess.RunAsync(Root, Path.Combine(Root, "build.sh"), arguments);
}
