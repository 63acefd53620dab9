using System.Diagnostics;
using System.Text;
using Spectre.Console;
using Trainyard.IO;

namespace Trainyard.Containers;

/// <summary>
/// Publishes the model server self-contained and trimmed for linux-x64 into <c>containerize/app</c>: the image then
/// needs no .NET runtime, only the C libraries runtime-deps provides. InvariantGlobalization, so no ICU; no symbols,
/// so no .pdb in the image. Trimmed (28 MB instead of 108 MB): the server and Trainyard.Runtime use source-generated
/// JSON and endpoints, and any trim warning fails the publish, since a warning means code the trimmed server may lack.
/// Skipped when the server's sources and the options are what the last publish used (a stamp beside the folder).
/// </summary>
internal static class ServingPublish
{
    public const string RuntimeIdentifier = "linux-x64";

    /// <summary>The executable's name inside the app folder (the apphost).</summary>
    public const string Executable = "Trainyard.Serving";

    static readonly string[] Options =
    [
        "-c", "Release", "-r", RuntimeIdentifier, "--self-contained",
        // Every trim warning shown one by one (not one per assembly) and an error: the server must run as tested.
        "-p:PublishTrimmed=true", "-p:TrimMode=full", "-p:TrimmerSingleWarn=false", "-p:ILLinkTreatWarningsAsErrors=true",
        "-p:InvariantGlobalization=true", "-p:DebugType=none", "-p:DebugSymbols=false", "-p:GenerateDocumentationFile=false",
        "-nologo", "-v:minimal", "-clp:NoSummary",
    ];

    /// <summary>
    /// The standalone garbage collectors, which the runtime loads only when DOTNET_GCName names one (the image sets
    /// none): 2 MB the image does not carry. The debugger and dump support (libmscordaccore, createdump) stay.
    /// </summary>
    static readonly string[] Unused = ["libclrgc.so", "libclrgcexp.so"];

    /// <param name="folder">containerize/ under the pipeline's artifacts: app/ is written there, intermediate files under build/.</param>
    /// <param name="shown">How messages name a path: relative to the repository root.</param>
    public static async Task<string> PublishAsync(string project, string folder, Func<string, string> shown, IAnsiConsole console, CancellationToken cancellationToken)
    {
        var app = Path.Combine(folder, "app");
        var stampFile = Path.Combine(folder, "app.sha256");
        var stamp = Stamp(project);
        if (File.Exists(Path.Combine(app, Executable)) && File.Exists(stampFile) && (await File.ReadAllTextAsync(stampFile, cancellationToken)).Trim() == stamp)
        {
            console.WriteLine($"Trainyard.Serving is up to date in {shown(app)} (its sources have not changed since the last publish)");
            return app;
        }

        var staging = Path.Combine(folder, $".app.{Guid.NewGuid():N}.tmp");
        console.WriteLine($"Publishing {project} self-contained and trimmed for {RuntimeIdentifier} (a minute on a cold machine) …");
        var started = Stopwatch.StartNew();
        try
        {
            // --artifacts-path keeps this Release/RID build's obj and bin out of the server's source folder, where an
            // IDE or a test run may be building the same project at the same time.
            string[] arguments = ["publish", project, .. Options, "-o", staging, "--artifacts-path", Path.Combine(folder, "build")];
            var (exitCode, output) = await RunAsync("dotnet", arguments, line => console.WriteLine("  " + line), cancellationToken);
            if (exitCode != 0)
                throw new TrainyardException($"dotnet publish {project} failed (exit code {exitCode}):\n{output}\n" +
                    "Fix the error above; if the runtime packs could not be restored, the NuGet source needs Microsoft.NETCore.App.Runtime.linux-x64 and Microsoft.AspNetCore.App.Runtime.linux-x64");
            foreach (var file in Unused) File.Delete(Path.Combine(staging, file));
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

    /// <summary>The sha256 over the options and every source file's path and content.</summary>
    static string Stamp(string project)
    {
        var text = new StringBuilder(string.Join(' ', [.. Options, .. Unused])).Append('\n');
        var root = Path.GetDirectoryName(Path.GetDirectoryName(Path.GetFullPath(project)))!;
        foreach (var file in ServingProject.SourceFiles(project))
            text.Append(Path.GetRelativePath(root, file).Replace('\\', '/')).Append(' ').Append(ContentHash.OfFile(file)).Append('\n');
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
