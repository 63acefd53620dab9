using Trainyard.Targets.Parameters;

namespace Trainyard.Targets;

/// <summary>Checks every planned target's Requires before anything runs, so a missing parameter fails in seconds, not after training.</summary>
internal static class Requirements
{
    public static void Check(IReadOnlyList<PlannedTarget> plan, IReadOnlyList<ParameterMember> parameters)
    {
        var missing = new List<string>();
        foreach (var planned in plan.Where(p => !p.Skipped))
            foreach (var requirement in planned.Target.Definition.RequiredParameters)
            {
                var value = requirement.Compile().DynamicInvoke();
                if (value is not null && value is not "") continue;
                var name = ParameterReference.MemberName(requirement);
                var parameter = parameters.FirstOrDefault(p => p.Name == name);
                missing.Add(parameter is null
                    ? $"{planned.Target.Name} requires {name}"
                    : $"{planned.Target.Name} requires {(parameter.IsSecret ? "" : parameter.OptionName + " or ")}the environment variable {parameter.EnvironmentVariable}");
            }
        if (missing.Count > 0)
            throw new UsageException("Missing parameter: " + string.Join("; ", missing) + ".");
    }
}
