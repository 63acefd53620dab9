using System.Text.RegularExpressions;
using Trainyard.Targets.Parameters;

namespace Trainyard.Targets.Workflows;

/// <summary>
/// One entry of <see cref="GitHubActionsAttribute.Matrix"/>: the parameters its jobs pass to ./build.sh, and the
/// suffix its job ids carry (<c>-churn</c> for <c>--pipeline pipelines/churn.yml</c>). No matrix is one empty entry.
/// </summary>
internal sealed partial record MatrixEntry(IReadOnlyList<(string Name, string Value)> Parameters, string Arguments, string Suffix, string Label)
{
    public static IReadOnlyList<MatrixEntry> Parse(Type buildType, GitHubActionsAttribute workflow)
    {
        if (workflow.Matrix.Length == 0) return [new MatrixEntry([], "", "", "")];
        var parameters = ParameterDiscovery.Discover(buildType);
        var flags = parameters.Where(p => p.IsFlag).Select(p => ParameterNames.Key(p.Name)).ToHashSet();
        var known = parameters.ToDictionary(p => ParameterNames.Key(p.Name));
        var entries = new List<MatrixEntry>();
        foreach (var text in workflow.Matrix)
        {
            string Problem(string what) => $"{WorkflowCheck.Label(workflow)}: Matrix entry \"{text}\" {what}";
            var words = text.Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            CommandLine line;
            try { line = CommandLine.Parse(words, name => flags.Contains(ParameterNames.Key(name))); }
            catch (UsageException e) { throw new TrainyardException(Problem(e.Message)); }
            if (line.Targets.Count > 0 || line.Parameters.Count == 0 || line.Skip.Count > 0 || line.SkipAllNotInvoked || line.Force || line.Plan || line.Help)
                throw new TrainyardException(Problem("must hold parameters only, e.g. \"--pipeline pipelines/churn.yml\""));
            foreach (var (name, _) in line.Parameters)
            {
                if (!known.TryGetValue(ParameterNames.Key(name), out var parameter))
                    throw new TrainyardException(Problem($"names --{name}, which is no parameter of the build.{ClosestName.Suggestion(ParameterNames.Kebab(name), parameters.Select(p => ParameterNames.Kebab(p.Name)), "--")}"));
                if (parameter.IsSecret)
                    throw new TrainyardException(Problem($"names {parameter.OptionName}, a secret: import it with ImportSecrets instead"));
            }
            var label = Path.GetFileNameWithoutExtension(line.Parameters[^1].Value);
            var slug = NotInId().Replace(label.ToLowerInvariant(), "-").Trim('-');
            entries.Add(new MatrixEntry(line.Parameters, string.Join(" ", words), slug == "" ? "" : "-" + slug, label));
        }
        if (entries.GroupBy(e => e.Suffix).FirstOrDefault(g => g.Count() > 1) is { } same)
            throw new TrainyardException($"{WorkflowCheck.Label(workflow)}: Matrix entries {string.Join(" and ", same.Select(e => $"\"{e.Arguments}\""))} would name their jobs alike (\"{same.Key.TrimStart('-')}\"): end each with a different value.");
        return entries;
    }

    [GeneratedRegex("[^a-z0-9-]+")]
    private static partial Regex NotInId();
}
