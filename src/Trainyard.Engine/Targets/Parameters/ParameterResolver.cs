namespace Trainyard.Targets.Parameters;

internal enum ParameterSource { Default, ParametersFile, Environment, CommandLine }

internal sealed record ResolvedParameter(ParameterMember Parameter, object? Value, ParameterSource Source);

/// <summary>
/// Decides each parameter's value: command line, then environment, then parameters file, then the default.
/// Secrets come from the environment only, so they never end up in shell history or a committed file.
/// </summary>
internal static class ParameterResolver
{
    public static IReadOnlyDictionary<string, ResolvedParameter> Resolve(
        IReadOnlyList<ParameterMember> parameters,
        IReadOnlyList<(string Name, string Value)> commandLine,
        IReadOnlyDictionary<string, string> environment,
        string root)
    {
        var byKey = parameters.ToDictionary(p => ParameterNames.Key(p.Name));
        var given = new Dictionary<string, (ParameterSource Source, List<string> Values)>();

        foreach (var (key, values) in ParametersFile.Read(root))
        {
            var parameter = Find(key, $"{ParametersFile.PathUnder(root)}: unknown parameter '{key}'.");
            if (parameter.IsSecret)
                throw new UsageException($"{ParametersFile.PathUnder(root)}: {parameter.Name} is a secret; set the environment variable {parameter.EnvironmentVariable} instead.");
            given[parameter.Name] = (ParameterSource.ParametersFile, values.ToList());
        }
        foreach (var parameter in parameters)
            if (environment.TryGetValue(parameter.EnvironmentVariable, out var value))
                given[parameter.Name] = (ParameterSource.Environment, [value]);
        foreach (var group in commandLine.GroupBy(p => ParameterNames.Key(p.Name)))
        {
            var first = group.First().Name;
            var parameter = Find(group.Key, $"Unknown parameter '--{first}'.");
            if (parameter.IsSecret)
                throw new UsageException($"{parameter.OptionName} is a secret and is not accepted on the command line; set the environment variable {parameter.EnvironmentVariable} instead.");
            given[parameter.Name] = (ParameterSource.CommandLine, group.Select(p => p.Value).ToList());
        }

        return parameters.ToDictionary(
            p => p.Name,
            p => given.TryGetValue(p.Name, out var g)
                ? new ResolvedParameter(p, ParameterValueParser.Parse(p, g.Values), g.Source)
                : new ResolvedParameter(p, null, ParameterSource.Default),
            StringComparer.OrdinalIgnoreCase);

        ParameterMember Find(string typed, string message) =>
            byKey.TryGetValue(ParameterNames.Key(typed), out var found)
                ? found
                : throw new UsageException(message + ClosestName.Suggestion(
                    ParameterNames.Kebab(typed), parameters.Select(p => ParameterNames.Kebab(p.Name)), "--"));
    }
}
