namespace Trainyard.Targets;

/// <summary>A target in the plan and why it is there.</summary>
internal sealed record PlannedTarget(BuildTarget Target, string Reason, bool Skipped);

/// <summary>
/// Turns the invoked targets into an ordered plan: the closure over dependencies and triggers, ordered so every
/// target follows its dependencies, triggers and After/Before neighbours; ties keep invocation, then declaration order.
/// </summary>
internal static class TargetPlanner
{
    public static IReadOnlyList<PlannedTarget> Plan(
        IReadOnlyList<BuildTarget> targets, IReadOnlyList<string> invoked, bool skipAllNotInvoked, IReadOnlyList<string> skip)
    {
        var byName = targets.ToDictionary(t => t.Name, StringComparer.OrdinalIgnoreCase);
        BuildTarget Find(string name) => byName.TryGetValue(name, out var t)
            ? t
            : throw new UsageException($"Unknown target '{name}'.{ClosestName.Suggestion(name, targets.Select(x => x.Name))}");

        var invokedTargets = invoked.Select(Find).Distinct().ToList();
        var skipped = skip.Select(Find).Select(t => t.Name).ToHashSet();

        // Closure: first reason wins, and invoked targets are reached first.
        var reasons = new Dictionary<string, string>();
        var queue = new Queue<BuildTarget>();
        void Include(BuildTarget target, string reason)
        {
            if (reasons.TryAdd(target.Name, reason)) queue.Enqueue(target);
        }
        foreach (var target in invokedTargets) Include(target, "invoked");
        while (queue.TryDequeue(out var target))
        {
            foreach (var dependency in target.Dependencies) Include(byName[dependency], $"dependency of {target.Name}");
            foreach (var triggered in targets.Where(t => t.TriggeredBy.Contains(target.Name)))
                Include(triggered, $"triggered by {target.Name}");
        }

        IEnumerable<string> Predecessors(BuildTarget t) =>
            t.Dependencies.Concat(t.TriggeredBy).Concat(t.RunsAfter).Where(reasons.ContainsKey).Distinct();

        var order = new List<BuildTarget>();
        var visiting = new List<string>();
        var done = new HashSet<string>();
        void Visit(BuildTarget target)
        {
            if (done.Contains(target.Name)) return;
            var index = visiting.IndexOf(target.Name);
            if (index >= 0)
                throw new UsageException("Circular dependency: " + string.Join(" -> ", visiting.Skip(index).Append(target.Name)));
            visiting.Add(target.Name);
            foreach (var predecessor in Predecessors(target)) Visit(byName[predecessor]);
            visiting.RemoveAt(visiting.Count - 1);
            done.Add(target.Name);
            order.Add(target);
        }
        foreach (var target in invokedTargets.Concat(targets.Where(t => reasons.ContainsKey(t.Name)))) Visit(target);

        var invokedNames = invokedTargets.Select(t => t.Name).ToHashSet();
        return order.Select(t => new PlannedTarget(
            t,
            reasons[t.Name],
            skipped.Contains(t.Name) || (skipAllNotInvoked && !invokedNames.Contains(t.Name)))).ToList();
    }
}
