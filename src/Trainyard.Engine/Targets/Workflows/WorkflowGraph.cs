using System.Reflection;
using Trainyard.Targets.Parameters;

namespace Trainyard.Targets.Workflows;

/// <summary>
/// Turns a [GitHubActions] attribute into jobs: the plan of its invoked targets, once per matrix entry, one job per
/// target. A job needs the jobs of the targets its target runs after, downloads the outputs of every target before it
/// and skips those targets (their outputs are there); a target that declares no outputs hands nothing on, so the
/// jobs after it run it again (or find it up to date by its own check).
/// </summary>
internal static class WorkflowGraph
{
    public static IReadOnlyList<WorkflowJob> Jobs(TrainyardBuild build, GitHubActionsAttribute workflow)
    {
        var jobs = new List<WorkflowJob>();
        foreach (var entry in MatrixEntry.Parse(build.GetType(), workflow))
            jobs.AddRange(Jobs(build, workflow, entry));
        return jobs;
    }

    private static IEnumerable<WorkflowJob> Jobs(TrainyardBuild build, GitHubActionsAttribute workflow, MatrixEntry entry)
    {
        var instance = build.WithParameters(entry.Parameters);
        var targets = TargetDiscovery.Discover(instance);
        IReadOnlyList<PlannedTarget> plan;
        try
        {
            plan = TargetPlanner.Plan(targets, workflow.InvokedTargets, skipAllNotInvoked: false, skip: []);
        }
        catch (UsageException e)
        {
            throw new TrainyardException($"{WorkflowCheck.Label(workflow)}: InvokedTargets: {e.Message}");
        }
        var inPlan = plan.Select(p => p.Target.Name).ToHashSet();
        var outputs = plan.ToDictionary(p => p.Target.Name, p => Outputs(instance, workflow, entry, p.Target));
        string JobId(string target) => ParameterNames.Kebab(target) + entry.Suffix;
        if (workflow.OneJob)
        {
            yield return OneJob(build.GetType(), workflow, entry, plan, outputs);
            yield break;
        }

        var before = new Dictionary<string, List<string>>();
        foreach (var planned in plan)
        {
            var target = planned.Target;
            var needs = target.Dependencies.Concat(target.TriggeredBy).Concat(target.RunsAfter).Where(inPlan.Contains).Distinct().ToList();
            // Every target before this one, in plan order: the outputs of all of them may be read here.
            var upstream = needs.Concat(needs.SelectMany(n => before[n])).ToHashSet();
            before[target.Name] = plan.Select(p => p.Target.Name).Where(upstream.Contains).ToList();
            var carried = before[target.Name].Where(n => outputs[n].Count > 0).ToList();

            yield return new WorkflowJob(
                Id: JobId(target.Name),
                Name: entry.Label == "" ? target.Name : $"{target.Name} ({entry.Label})",
                Target: target.Name,
                Needs: plan.Select(p => p.Target.Name).Where(needs.Contains).Select(JobId).ToList(),
                Downloads: carried.Select(JobId).ToList(),
                Skip: carried,
                Arguments: entry.Arguments,
                // With the outputs, the target's record of them (.trainyard/state/<Target>-<hash of the paths>.json), by
                // pattern so the text does not change with the paths; it also roots the artifact at the repository.
                Uploads: outputs[target.Name].Count == 0 ? [] : [.. outputs[target.Name], $".trainyard/state/{target.Name}-*.json"],
                NeededUploads: needs.Where(n => outputs[n].Count > 0).Select(n => (n, JobId(n))).ToList(),
                Assured: target.Definition.IsAssuredAfterFailure,
                Invoked: workflow.InvokedTargets.Any(i => i.Equals(target.Name, StringComparison.OrdinalIgnoreCase)),
                Writes: Writes(build.GetType(), target.Name));
        }
    }

    /// <summary>The whole plan in one job: it runs the invoked targets and uploads every output of the plan.</summary>
    private static WorkflowJob OneJob(Type buildType, GitHubActionsAttribute workflow, MatrixEntry entry,
        IReadOnlyList<PlannedTarget> plan, Dictionary<string, IReadOnlyList<string>> outputs)
    {
        var invoked = workflow.InvokedTargets
            .Select(i => plan.First(p => p.Target.Name.Equals(i, StringComparison.OrdinalIgnoreCase)).Target.Name).Distinct().ToList();
        var named = string.Join(", ", invoked);
        return new WorkflowJob(
            Id: ParameterNames.Kebab(workflow.Name) + entry.Suffix,
            Name: entry.Label == "" ? named : $"{named} ({entry.Label})",
            Target: string.Join(" ", invoked),
            Needs: [], Downloads: [], Skip: [], Arguments: entry.Arguments,
            Uploads: plan.Where(p => outputs[p.Target.Name].Count > 0)
                .SelectMany(p => outputs[p.Target.Name].Append($".trainyard/state/{p.Target.Name}-*.json")).Distinct().ToList(),
            NeededUploads: [], Assured: false, Invoked: true,
            Writes: plan.SelectMany(p => Writes(buildType, p.Target.Name)).Distinct().Order().ToList());
    }

    /// <summary>The target's declared outputs for this entry, relative to the root, as its run would see them.</summary>
    private static IReadOnlyList<string> Outputs(TrainyardBuild instance, GitHubActionsAttribute workflow, MatrixEntry entry, BuildTarget target)
    {
        try
        {
            return target.Definition.OutputSources.SelectMany(f => f())
                .Select(o => Relative(instance, Path.GetFullPath(o, instance.Context.RootDirectory)))
                .Distinct().ToList();
        }
        catch (Exception e) when (e is TrainyardException or IOException or InvalidOperationException)
        {
            var of = entry.Label == "" ? "" : $" for {entry.Arguments}";
            throw new TrainyardException($"{WorkflowCheck.Label(workflow)}: cannot tell what {target.Name} writes{of}: {e.Message}");
        }
    }

    private static string Relative(TrainyardBuild instance, string path)
    {
        var relative = Path.GetRelativePath(instance.Context.RootDirectory, path).Replace('\\', '/');
        return relative.StartsWith("../", StringComparison.Ordinal) || Path.IsPathRooted(relative)
            ? throw new TrainyardException($"{path} is outside the repository, so no job can hand it to another")
            : relative;
    }

    /// <summary>What the target property (in a component, or the build's own implementation of it) may write.</summary>
    private static IReadOnlyList<GitHubActionsPermission> Writes(Type buildType, string target) =>
        buildType.GetInterfaces().Append(buildType)
            .SelectMany(t => t.GetProperties(BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.DeclaredOnly))
            .Where(p => p.PropertyType == typeof(Target) && (p.Name == target || p.Name.EndsWith("." + target, StringComparison.Ordinal)))
            .SelectMany(p => p.GetCustomAttributes<GitHubActionsWritePermissionsAttribute>())
            .SelectMany(a => a.Permissions)
            .Distinct().Order().ToList();
}
