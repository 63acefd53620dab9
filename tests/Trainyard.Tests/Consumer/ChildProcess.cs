using System.Diagnostics;
using System.Text;

namespace Trainyard.Tests.Consumer;

/// <summary>What a command printed (stdout and stderr interleaved) and how it exited.</summary>
public sealed record CommandResult(string Command, int ExitCode, string Output)
{
    public CommandResult Succeeds()
    {
        Assert.True(ExitCode == 0, $"{Command} exited with {ExitCode}:\n{Output}");
        return this;
    }
}

/// <summary>
/// Runs a command as a person at a terminal would, outside the test host's MSBuild settings (which are not the
/// child's business) and in English, so messages can be asserted. Bounded in time: a hung child is killed.
/// </summary>
internal static class ChildProcess
{
    public static async Task<CommandResult> RunAsync(string folder, string file, IReadOnlyList<string> arguments,
        IReadOnlyDictionary<string, string>? environment = null, TimeSpan? timeout = null)
    {
        var start = new ProcessStartInfo(file, arguments)
        {
            WorkingDirectory = folder,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
        };
        foreach (var key in start.Environment.Keys.Where(k => k.StartsWith("MSBuild", StringComparison.OrdinalIgnoreCase)
                     || k.StartsWith("TRAINYARD_", StringComparison.Ordinal) || k.StartsWith("GITHUB_", StringComparison.Ordinal)).ToList())
            start.Environment.Remove(key);
        start.Environment["DOTNET_CLI_UI_LANGUAGE"] = "en";
        start.Environment["DOTNET_NOLOGO"] = "1";
        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        foreach (var (key, value) in environment ?? new Dictionary<string, string>()) start.Environment[key] = value;

        var output = new StringBuilder();
        using var process = new Process { StartInfo = start };
        void Collect(object _, DataReceivedEventArgs e)
        {
            if (e.Data is null) return;
            lock (output) output.AppendLine(e.Data);
        }
        process.OutputDataReceived += Collect;
        process.ErrorDataReceived += Collect;
        process.Start();
        process.StandardInput.Close();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        using var limit = new CancellationTokenSource(timeout ?? TimeSpan.FromMinutes(10));
        try
        {
            await process.WaitForExitAsync(limit.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            lock (output) output.AppendLine($"(killed after {timeout ?? TimeSpan.FromMinutes(10)})");
        }
        process.WaitForExit(); // the output events are flushed
        lock (output)
            return new CommandResult($"{file} {string.Join(' ', arguments)}", process.HasExited ? process.ExitCode : -1, output.ToString());
    }
}
