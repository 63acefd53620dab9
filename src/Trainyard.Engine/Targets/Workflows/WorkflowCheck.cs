using System.Text.RegularExpressions;
using Trainyard.Targets.Parameters;

namespace Trainyard.Targets.Workflows;

/// <summary>Rejects a [GitHubActions] attribute that cannot make a valid workflow, saying which setting to fix.</summary>
internal static partial class WorkflowCheck
{
    public static string Label(GitHubActionsAttribute workflow) => $"[GitHubActions(\"{workflow.Name}\")]";

    public static void Check(Type buildType, IReadOnlyList<GitHubActionsAttribute> workflows)
    {
        if (workflows.GroupBy(w => w.Name, StringComparer.OrdinalIgnoreCase).FirstOrDefault(g => g.Count() > 1) is { } twice)
            throw new TrainyardException($"{buildType.Name} has two [GitHubActions] attributes named \"{twice.Key}\": each writes .github/workflows/<name>.yml, so give them different names.");
        foreach (var workflow in workflows) Check(buildType, workflow);
    }

    private static void Check(Type buildType, GitHubActionsAttribute workflow)
    {
        void Fail(string what) => throw new TrainyardException($"{Label(workflow)}: {what}");
        if (!FileName().IsMatch(workflow.Name ?? ""))
            Fail("the name becomes .github/workflows/<name>.yml: use letters, digits, '.', '_' and '-' only.");
        if (Triggers(workflow).Count == 0)
            Fail("nothing starts this workflow: give a trigger (GitHubActionsTrigger.PullRequest, …), OnPushBranches or OnCronSchedule.");
        if (workflow.OnCronSchedule is { } cron && CronSchedule.Problem(cron) is { } problem)
            Fail($"OnCronSchedule \"{cron}\": {problem}.");
        if (workflow.InvokedTargets.Length == 0)
            Fail("InvokedTargets is empty: name the targets the workflow runs, e.g. InvokedTargets = [nameof(IComment.Comment)].");
        foreach (var (setting, values) in new[] { ("OnPushBranches", workflow.OnPushBranches), ("OnPushTags", workflow.OnPushTags), ("OnPullRequestBranches", workflow.OnPullRequestBranches), ("ContainerVolumes", workflow.ContainerVolumes) })
            if (values.Any(string.IsNullOrWhiteSpace)) Fail($"{setting} has an empty entry.");
        if (workflow.FetchDepth < -1) Fail($"FetchDepth {workflow.FetchDepth}: use 0 for the whole history or a positive number of commits.");
        if (workflow.Environment is { } environment && string.IsNullOrWhiteSpace(environment)) Fail("Environment is empty: name a GitHub environment, e.g. \"production\", or leave it out.");
        if (workflow.ConcurrencyCancelInProgress && string.IsNullOrWhiteSpace(workflow.ConcurrencyGroup))
            Fail("ConcurrencyCancelInProgress needs a ConcurrencyGroup: runs in no group cancel nothing.");
        if (string.IsNullOrWhiteSpace(workflow.RunsOn)) Fail("RunsOn is empty: name a runner label, e.g. \"ubuntu-latest\".");
        if (workflow.ContainerVolumes.Length > 0 && string.IsNullOrWhiteSpace(workflow.Container)) Fail("ContainerVolumes needs a Container to mount them in.");
        Secrets(buildType, workflow);
    }

    /// <summary>Each imported secret as (environment variable the parameter reads, GitHub secret name).</summary>
    public static IReadOnlyList<(string Variable, string Secret)> Secrets(Type buildType, GitHubActionsAttribute workflow)
    {
        var parameters = ParameterDiscovery.Discover(buildType);
        return workflow.ImportSecrets.Select(name =>
        {
            var parameter = parameters.FirstOrDefault(p => ParameterNames.Key(p.Name) == ParameterNames.Key(name ?? ""))
                ?? throw new TrainyardException($"{Label(workflow)}: ImportSecrets names \"{name}\", which is no parameter of {buildType.Name}.{ClosestName.Suggestion(name ?? "", parameters.Where(p => p.IsSecret).Select(p => p.Name))}");
            if (!parameter.IsSecret)
                throw new TrainyardException($"{Label(workflow)}: ImportSecrets names {parameter.Name}, which is not a [Secret] parameter: pass it in Matrix or the parameters file instead.");
            return (parameter.EnvironmentVariable, ParameterNames.Kebab(parameter.Name).Replace('-', '_').ToUpperInvariant());
        }).Distinct().ToList();
    }

    /// <summary>The events, in the order the workflow lists them.</summary>
    public static IReadOnlyList<string> Triggers(GitHubActionsAttribute workflow)
    {
        var on = new List<string>();
        if (workflow.On.Contains(GitHubActionsTrigger.Push) || workflow.OnPushBranches.Length > 0 || workflow.OnPushTags.Length > 0) on.Add("push");
        if (workflow.On.Contains(GitHubActionsTrigger.PullRequest) || workflow.OnPullRequestBranches.Length > 0) on.Add("pull_request");
        if (workflow.OnCronSchedule is not null) on.Add("schedule");
        if (workflow.On.Contains(GitHubActionsTrigger.WorkflowDispatch)) on.Add("workflow_dispatch");
        return on;
    }

    [GeneratedRegex("^[A-Za-z0-9._-]+$")]
    private static partial Regex FileName();
}
