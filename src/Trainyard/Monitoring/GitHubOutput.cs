using Trainyard.Artifacts.Monitoring;

namespace Trainyard.Monitoring;

/// <summary>In GitHub Actions, Monitor's verdict as step outputs (<c>verdict=…</c>, <c>retrain=true|false</c>), so a scheduled workflow can start Retrain.</summary>
internal static class GitHubOutput
{
    public static async Task AppendAsync(IReadOnlyDictionary<string, string> environment, MonitorReport report, CancellationToken cancellationToken)
    {
        if (environment.GetValueOrDefault("GITHUB_OUTPUT") is not { Length: > 0 } path) return;
        await File.AppendAllTextAsync(path, $"verdict={report.Verdict}\nretrain={(report.Retrain ? "true" : "false")}\n", cancellationToken);
    }
}
