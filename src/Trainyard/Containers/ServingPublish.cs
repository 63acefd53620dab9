using System.Diagnostics;
using System.Text;
using Spectre.Console;
using Trainyard.IO;

namespace Trainyard.Containers;

/// <summary>
/// Publishes the model server self-contained and trimmed, for the base image's runtime identifier, into
/// <c>containerize/app</c>: the image then needs no .NET runtime, only the C libraries runtime-deps provides.
/// <see cref="ServingBuild.Aot"/> compiles it with NativeAOT into one native executable (13 MB, no JIT);
/// <see cref="ServingBuild.Jit"/> publishes the runtime and the trimmed assemblies (28 MB).
/// What is published is the generated host (<see cref="ServingHost"/>, in <c>containerize/host</c>) that references
/// the server from a package or a project. InvariantGlobalization, so no ICU; no symbols, so no .pdb in the image.
/// Trimmed (28 MB instead of 108 MB): the server and Trainyard.Runtime use source-generated JSON and endpoints, and
/// any trim warning fails the publish, since a warning means code the trimmed server may lack. Skipped when the host,
/// the server's sources (or package version) and the options are what the last publish used (a stamp beside the folder).
/// </summary>
internal static class ServingPublish
{
    /// <summary>The executable's name inside the app folder: the host's apphost, renamed (the Dockerfile runs it).</summary>
    public const string Executable = "Trainyard.Serving";

    /// <summary>The publish options (trimmed, self-contained, warnings as errors); the gateway image publishes with the JIT ones.</summary>
    static string[] Options(string runtimeIdentifier, ServingBuild build) =>
    [
        "-c", "Release", "-r", runtimeIdentifier, "--self-contained",
        // Every trim warning shown one by one (not one per assembly) and an error: the server must run as tested.
        "-p:PublishTrimmed=true", "-p:TrimMode=full", "-p:TrimmerSingleWarn=false", "-p:ILLinkTreatWarningsAsErrors=true",
        // NativeAOT's compiler runs the same trim analysis and its own (IL3050: code it cannot compile ahead of time):
        // an error too. No separate symbols file (.dbg) beside the executable.
        .. build == ServingBuild.Aot ? new[] { "-p:PublishAot=true", "-p:IlcTreatWarningsAsErrors=true", "-p:StripSymbols=true" } : [],
        "-p:InvariantGlobalization=true", "-p:DebugType=none", "-p:DebugSymbols=false", "-p:GenerateDocumentationFile=false",
        "-nologo", "-v:minimal", "-clp:NoSummary",
    ];

    /// <summary>
    /// The standalone garbage collectors, which the runtime loads only when DOTNET_GCName names one (the image sets
    /// none): 2 MB the image does not carry. The debugger and dump support (libmscordaccore, createdump) stay.
    /// </summary>
    static readonly string[] Unused = ["libclrgc.so", "libclrgcexp.so"];

    /// <param name="folder">containerize/ under the pipeline's artifacts: host/ and app/ are written there, intermediate files under build/.</param>
    /// <param name="shown">How messages name a path: relative to the repository root.</param>
    public static async Task<string> PublishAsync(ServingSource source, string runtimeIdentifier, ServingBuild build, string folder, Func<string, string> shown,
        IAnsiConsole console, CancellationToken cancellationToken)
    {
        if (build == ServingBuild.Aot) CheckNativeArchitecture(runtimeIdentifier);
        var app = Path.Combine(folder, "app");
        var host = Path.Combine(folder, "host");
        var project = await ServingHost.WriteAsync(source, host, cancellationToken);
        var stampFile = Path.Combine(folder, "app.sha256");
        var stamp = Stamp(source, host, runtimeIdentifier, build);
        var what = build == ServingBuild.Aot ? "as a native executable (NativeAOT)" : "self-contained and trimmed";
        if (File.Exists(Path.Combine(app, Executable)) && File.Exists(stampFile) && (await File.ReadAllTextAsync(stampFile, cancellationToken)).Trim() == stamp)
        {
            console.WriteLine($"Trainyard.Serving is up to date in {shown(app)} ({source.Shown(shown)}, {runtimeIdentifier} and --serving-build {Name(build)} as at the last publish)");
            return app;
        }

        var staging = Path.Combine(folder, $".app.{Guid.NewGuid():N}.tmp");
        console.WriteLine($"Publishing Trainyard.Serving from {source.Shown(shown)} {what} for {runtimeIdentifier} " +
                          $"({(build == ServingBuild.Aot ? "two minutes" : "a minute")} on a cold machine) …");
        var started = Stopwatch.StartNew();
        try
        {
            await PublishHostAsync(project, ServingHost.AssemblyName, Executable, runtimeIdentifier, build, staging, folder,
                output => Advice(source, runtimeIdentifier, build, output), shown, console, cancellationToken);
            if (Directory.Exists(app)) Directory.Delete(app, recursive: true);
            Directory.Move(staging, app);
        }
        finally
        {
            if (Directory.Exists(staging)) Directory.Delete(staging, recursive: true);
        }
        await AtomicFile.WriteAllTextAsync(stampFile, stamp + "\n", cancellationToken);
        console.WriteLine($"Published Trainyard.Serving to {shown(app)} in {started.Elapsed.TotalSeconds:0.0}s ({FolderSize(app) / 1e6:0.0} MB)");
        return app;
    }

    /// <summary>
    /// <c>dotnet publish</c> of a generated host (the model server's or the gateway's) into <paramref name="output"/>
    /// with <see cref="Options"/>, its apphost renamed <paramref name="executable"/> and the <see cref="Unused"/> files left out.
    /// </summary>
    /// <param name="folder">Intermediate files go under its build/.</param>
    /// <param name="advice">What to do after a failed publish, from its output.</param>
    internal static async Task PublishHostAsync(string project, string hostAssembly, string executable, string runtimeIdentifier, ServingBuild build,
        string output, string folder, Func<string, string> advice, Func<string, string> shown, IAnsiConsole console, CancellationToken cancellationToken)
    {
        // --artifacts-path keeps this Release/RID build's obj and bin out of the server's source folder, where an
        // IDE or a test run may be building the same project at the same time.
        string[] arguments = ["publish", project, .. Options(runtimeIdentifier, build), "-o", output, "--artifacts-path", Path.Combine(folder, "build")];
        var (exitCode, text) = await RunAsync("dotnet", arguments, line => console.WriteLine("  " + line), cancellationToken);
        if (exitCode != 0)
            throw new TrainyardException($"dotnet publish {shown(project)} failed (exit code {exitCode}):\n{text}\n{advice(text)}");
        // The host's assembly cannot be named as the library it hosts (Trainyard.Serving, Trainyard.Gateway): its
        // apphost, which finds <host>.dll by the name built into it (or the native executable), takes the library's name.
        File.Move(Path.Combine(output, hostAssembly), Path.Combine(output, executable), overwrite: true);
        foreach (var file in Unused) File.Delete(Path.Combine(output, file));
    }

    static string Advice(ServingSource source, string runtimeIdentifier, ServingBuild build, string output) =>
        source.PackageVersion is { } version && (output.Contains("NU1101", StringComparison.Ordinal) || output.Contains("NU1102", StringComparison.Ordinal))
            ? $"{ServingSource.PackageId} {version} (the version of the Trainyard package this build uses) is not on the repository's NuGet sources: " +
              "add the feed the Trainyard packages come from to nuget.config, or pass --serving-project PATH/TO/src/Trainyard.Serving to publish from a checkout"
            : build == ServingBuild.Aot && output.Contains("linker", StringComparison.OrdinalIgnoreCase) && output.Contains("not found", StringComparison.OrdinalIgnoreCase)
                ? "NativeAOT links with clang, which is not on PATH: install it (Debian and Ubuntu: apt-get install clang), or pass --serving-build jit"
                : build == ServingBuild.Aot
                    ? $"Fix the error above; if the compiler packages could not be restored, the NuGet source needs Microsoft.DotNet.ILCompiler, " +
                      $"runtime.{runtimeIdentifier}.Microsoft.DotNet.ILCompiler and Microsoft.NETCore.App.Runtime.NativeAOT.{runtimeIdentifier} (or pass --serving-build jit)"
                    : $"Fix the error above; if the runtime packs could not be restored, the NuGet source needs Microsoft.NETCore.App.Runtime.{runtimeIdentifier} " +
                      $"and Microsoft.AspNetCore.App.Runtime.{runtimeIdentifier}";

    /// <summary>The option's spelling on the command line: aot, jit.</summary>
    public static string Name(ServingBuild build) => build.ToString().ToLowerInvariant();

    /// <summary>
    /// NativeAOT compiles and links with this machine's clang for this machine's architecture: another one (an arm64
    /// base on an x64 runner) would need a cross toolchain and the target's system libraries, which Containerize does not set up.
    /// </summary>
    static void CheckNativeArchitecture(string runtimeIdentifier)
    {
        var own = System.Runtime.InteropServices.RuntimeInformation.OSArchitecture switch
        {
            System.Runtime.InteropServices.Architecture.X64 => "linux-x64",
            System.Runtime.InteropServices.Architecture.Arm64 => "linux-arm64",
            var other => other.ToString().ToLowerInvariant(),
        };
        if (!OperatingSystem.IsLinux() || own != runtimeIdentifier)
            throw new TrainyardException($"--serving-build aot compiles the model server for the machine it runs on ({(OperatingSystem.IsLinux() ? own : "not Linux")}), " +
                $"but the base image is for {runtimeIdentifier}: run Containerize on a {runtimeIdentifier} machine, or pass --serving-build jit");
    }

    /// <summary>The sha256 over the options, the host's files and, for a project, every source file's path and content.</summary>
    static string Stamp(ServingSource source, string host, string runtimeIdentifier, ServingBuild build)
    {
        var text = new StringBuilder(string.Join(' ', [.. Options(runtimeIdentifier, build), .. Unused])).Append('\n');
        foreach (var (name, content) in ServingHost.Files(source, host))
            text.Append("host/").Append(name).Append(' ').Append(ContentHash.Of(content)).Append('\n');
        if (source.Project is { } project)
        {
            var root = Path.GetDirectoryName(Path.GetDirectoryName(project))!;
            foreach (var file in source.SourceFiles())
                text.Append(Path.GetRelativePath(root, file).Replace('\\', '/')).Append(' ').Append(ContentHash.OfFile(file)).Append('\n');
        }
        return ContentHash.Of(text.ToString());
    }

    public static long FolderSize(string folder) =>
        new DirectoryInfo(folder).EnumerateFiles("*", SearchOption.AllDirectories).Sum(f => f.Length);

    static async Task<(int ExitCode, string Output)> RunAsync(string file, IReadOnlyList<string> arguments, Action<string> line, CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo(file, arguments) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        start.Environment["DOTNET_NOLOGO"] = "1";
        start.Environment["DOTNET_CLI_UI_LANGUAGE"] = "en";
        var output = new StringBuilder();
        using var process = new Process { StartInfo = start };
        void Collect(object _, DataReceivedEventArgs e)
        {
            if (e.Data is not { Length: > 0 } text) return;
            lock (output)   // stdout and stderr arrive on two threads; the console takes one line at a time
            {
                output.AppendLine(text);
                line(text);
            }
        }
        process.OutputDataReceived += Collect;
        process.ErrorDataReceived += Collect;
        try { process.Start(); }
        catch (System.ComponentModel.Win32Exception e)
        {
            throw new TrainyardException($"Cannot run '{file}' to publish the model server ({e.Message}); install the .NET SDK", innerException: e);
        }
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try { await process.WaitForExitAsync(cancellationToken); }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw;
        }
        lock (output) return (process.ExitCode, output.ToString().TrimEnd());
    }
}
