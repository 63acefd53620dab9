using Trainyard.Tests.Consumer;
using Trainyard.Tests.Pipelines;

namespace Trainyard.Tests.Bootstrap;

/// <summary>
/// The real build.sh and build.ps1, run in a temporary copy of a small repository (a build project that references
/// a library project) with a stand-in 'dotnet' first on PATH that records each call: so the scripts' decision to
/// build or not is seen in a second, without compiling anything.
/// </summary>
public sealed class BuildScriptTests : IDisposable
{
    private readonly string _root = Path.Combine(Path.GetTempPath(), "trainyard-bootstrap-" + Guid.NewGuid().ToString("N"));
    private string Log => Path.Combine(_root, "dotnet-calls.log");

    public BuildScriptTests()
    {
        Write("build/_build.csproj", """<Project Sdk="Microsoft.NET.Sdk"><ItemGroup><ProjectReference Include="..\src\Lib\Lib.csproj" /></ItemGroup></Project>""");
        Write("build/Build.cs", "class Build { }");
        Write("src/Lib/Lib.csproj", """<Project Sdk="Microsoft.NET.Sdk" />""");
        Write("src/Lib/Library.cs", "class Library { }");
        Write("src/Lib/Templates/page.html", "<p>embedded</p>");
        Write("Directory.Build.props", "<Project />");
        Write("data/big.csv", "not an input of the build");
        foreach (var script in new[] { "build.sh", "build.ps1" })
            File.Copy(RepositoryRoot.File(script), Path.Combine(_root, script));
        // The stand-in: 'dotnet build <project>' makes the project's DLL (and obj/), anything else is recorded as a run.
        Write("fake-bin/dotnet", """
            #!/usr/bin/env bash
            case "$1" in
              --version) echo 10.0.100 ;;
              build) dir="$(dirname "$2")"; mkdir -p "$dir/obj" "$dir/bin/Release/net10.0"; echo built > "$dir/bin/Release/net10.0/_build.dll"; echo "build" >> "$FAKE_DOTNET_LOG" ;;
              *) echo "run ${*:2}" >> "$FAKE_DOTNET_LOG" ;;
            esac
            """);
        if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(Path.Combine(_root, "fake-bin/dotnet"), (UnixFileMode)0b111_101_101);
    }

    public void Dispose()
    {
        try { Directory.Delete(_root, recursive: true); } catch (IOException) { }
    }

    public static TheoryData<string> Scripts()
    {
        var scripts = new TheoryData<string> { "build.sh" };
        if (Pwsh is not null) scripts.Add("build.ps1");
        return scripts;
    }

    [Theory]
    [MemberData(nameof(Scripts))]
    public async Task TheBuildIsSkippedWhileItsInputsAreUnchanged(string script)
    {
        Assert.Equal(["build", "run Package --plan"], await RunAsync(script, "Package", "--plan"));
        Assert.Equal(["run Package"], await RunAsync(script, "Package"));

        // Not an input: data the build reads when it runs.
        Write("data/big.csv", "changed");
        Assert.Equal(["run Package"], await RunAsync(script, "Package"));

        // Each kind of input builds again, once (PowerShell, slower to start, on every other kind).
        foreach (var (file, content) in new[]
                 {
                     ("build/Build.cs", "class Build { int x; }"),
                     ("build/New.cs", "class New { }"),
                     ("src/Lib/Library.cs", "class Library { int y; }"),
                     ("src/Lib/Templates/page.html", "<p>changed</p>"),
                     ("Directory.Build.props", "<Project><PropertyGroup /></Project>"),
                     ("src/Directory.Build.targets", "<Project />"),
                     ("src/Lib/obj/project.assets.json", "{}"),
                 }.Where((_, i) => script == "build.sh" || i % 2 == 0))
        {
            Write(file, content);
            Assert.True((await RunAsync(script, "Package")).SequenceEqual(["build", "run Package"]), $"{script} did not build after {file} changed");
            Assert.Equal(["run Package"], await RunAsync(script, "Package"));
        }

        // A missing or newer DLL (built by someone else) builds again.
        File.Delete(Path.Combine(_root, "build/bin/Release/net10.0/_build.dll"));
        Assert.Equal(["build", "run Package"], await RunAsync(script, "Package"));
        File.SetLastWriteTimeUtc(Path.Combine(_root, "build/bin/Release/net10.0/_build.dll"), DateTime.UtcNow.AddMinutes(1));
        Assert.Equal(["build", "run Package"], await RunAsync(script, "Package"));
        Assert.Equal(["run Package"], await RunAsync(script, "Package"));
    }

    [Theory]
    [MemberData(nameof(Scripts))]
    public async Task WhenTheInputsCannotBeListedTheBuildAlwaysRuns(string script)
    {
        Write("build/_build.csproj", """<Project Sdk="Microsoft.NET.Sdk"><ItemGroup><ProjectReference Include="$(LibPath)/Lib.csproj" /></ItemGroup></Project>""");

        Assert.Equal(["build", "run Package"], await RunAsync(script, "Package"));
        Assert.Equal(["build", "run Package"], await RunAsync(script, "Package"));
    }

    // PowerShell as a command line: a pwsh on PATH, or the 'powershell' .NET tool run by the real dotnet (its
    // ~/.dotnet/tools/pwsh shim would find the stand-in 'dotnet' first on PATH and hand the script to it).
    private static string[]? Pwsh { get; } = FindPwsh();

    private static string[]? FindPwsh()
    {
        var path = (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':', StringSplitOptions.RemoveEmptyEntries);
        var tools = Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".dotnet", "tools");
        var store = Path.Combine(tools, ".store", "powershell");
        var dotnet = path.Select(d => Path.Combine(d, "dotnet")).FirstOrDefault(File.Exists);
        if (Directory.Exists(store) && dotnet is not null
            && Directory.EnumerateFiles(store, "pwsh.dll", SearchOption.AllDirectories).FirstOrDefault(f => f.Contains("/unix/", StringComparison.Ordinal)) is { } dll)
            return [dotnet, dll];
        return path.Where(d => Path.GetFullPath(d) != Path.GetFullPath(tools)).Select(d => Path.Combine(d, "pwsh")).FirstOrDefault(File.Exists) is { } pwsh ? [pwsh] : null;
    }

    private async Task<string[]> RunAsync(string script, params string[] arguments)
    {
        File.Delete(Log);
        var environment = new Dictionary<string, string>
        {
            ["PATH"] = $"{Path.Combine(_root, "fake-bin")}:{Environment.GetEnvironmentVariable("PATH")}",
            ["FAKE_DOTNET_LOG"] = Log,
            ["TRAINYARD_XGBOOST_LIBRARY"] = Path.Combine(_root, "build/Build.cs"),   // any existing file: no install attempt
        };
        var result = script == "build.sh"
            ? await ChildProcess.RunAsync(_root, "bash", ["build.sh", .. arguments], environment, TimeSpan.FromMinutes(1))
            : await ChildProcess.RunAsync(_root, Pwsh![0], [.. Pwsh[1..], "-NoProfile", "-File", "build.ps1", .. arguments], environment, TimeSpan.FromMinutes(2));
        result.Succeeds();
        return File.Exists(Log) ? File.ReadAllLines(Log) : [];
    }

    private void Write(string relativePath, string content)
    {
        var path = Path.Combine(_root, relativePath);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, content.ReplaceLineEndings("\n"));
    }
}
