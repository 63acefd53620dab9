using System.Text.Json;
using Spectre.Console;
using Trainyard.Registry;

namespace Trainyard.Deploy;

/// <summary>The Deployments target's output: the deployment history as a table, or as JSON (<c>--format json</c>).</summary>
internal static class DeploymentsView
{
    public static void Render(IAnsiConsole console, string model, IReadOnlyList<DeploymentRecord> deployments)
    {
        if (deployments.Count == 0)
        {
            console.WriteLine($"{model} has not been deployed yet (CanaryDeploy deploys it).");
            return;
        }
        var table = new Table().Border(TableBorder.Simple)
            .AddColumns("Started (UTC)", "Kind", "Version", "From", "Steps", "Outcome", "Duration", "Who", "Verdict / reason");
        foreach (var d in deployments)
            table.AddRow(
                Markup.Escape(d.StartedAt.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss")), d.Kind, d.Version, d.FromVersion ?? "–",
                d.StepsPlanned == 0 ? "–" : $"{d.StepsPassed}/{d.StepsPlanned}", d.Outcome, $"{d.Duration.TotalSeconds:0}s",
                Markup.Escape(d.Who), Markup.Escape(d.Verdict));
        console.WriteLine($"Deployments of {model}, oldest first:");
        console.Write(table);
    }

    public static string Json(string model, IReadOnlyList<DeploymentRecord> deployments) =>
        JsonSerializer.Serialize(new { model, deployments }, DeploymentRecord.Options) + "\n";
}
