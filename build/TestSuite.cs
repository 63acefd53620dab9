using System.Diagnostics;
using System.Xml.Linq;
using Spectre.Console;
using Trainyard;
using Trainyard.Targets;

/// <summary>Runs dotnet test over the solution, streaming its output, and sums the TRX result files into one line.</summary>
static class TestSuite
{
    public static async Task RunAsync(BuildContext context, string? filter, CancellationToken cancellationToken)
    {
        var results = Path.Combine(context.ArtifactsDirectory, "test-results");
        if (Directory.Exists(results)) Directory.Delete(results, recursive: true);

        var arguments = new List<string> { "test", Path.Combine(context.RootDirectory, "Repo.sln"), "--nologo",
            "--logger", "trx", "--logger", "console;verbosity=normal", "--results-directory", results,
            // A test that hangs fails the run after 10 minutes, naming itself (the longest test takes ~2), instead of
            // holding CI until its own timeout.
            "--blame-hang-timeout", "10m" };
        if (filter is not null) arguments.AddRange(["--filter", filter]);

        var start = new ProcessStartInfo("dotnet", arguments) { WorkingDirectory = context.RootDirectory };
        using var process = Process.Start(start) ?? throw new TrainyardException("could not start 'dotnet test'");
        try { await process.WaitForExitAsync(cancellationToken); }
        catch (OperationCanceledException) { process.Kill(entireProcessTree: true); throw; }

        var (passed, failed, skipped) = Count(results);
        // The plain closing line that CI reads.
        context.Console.WriteLine($"tests: {passed} passed, {failed} failed, {skipped} skipped");
        if (process.ExitCode != 0 || failed > 0 || passed == 0)
            throw new TrainyardException(passed == 0 && failed == 0
                ? $"dotnet test ran no test (exit code {process.ExitCode}); see its output above"
                : $"dotnet test failed (exit code {process.ExitCode}, {failed} failed); see its output above");
    }

    static (int Passed, int Failed, int Skipped) Count(string results)
    {
        int passed = 0, failed = 0, skipped = 0;
        if (!Directory.Exists(results)) return (0, 0, 0);
        foreach (var trx in Directory.EnumerateFiles(results, "*.trx"))
        {
            var counters = XDocument.Load(trx).Descendants().FirstOrDefault(e => e.Name.LocalName == "Counters");
            if (counters is null) continue;
            int Read(string name) => int.TryParse(counters.Attribute(name)?.Value, out var n) ? n : 0;
            passed += Read("passed");
            failed += Read("failed") + Read("error") + Read("timeout") + Read("aborted");
            skipped += Read("notExecuted");
        }
        return (passed, failed, skipped);
    }
}
