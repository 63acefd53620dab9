using Spectre.Console;
using Trainyard.Targets.Parameters;

namespace Trainyard.Targets;

/// <summary>What <c>./build.sh</c> or <c>--help</c> prints: targets, parameters with their current values, switches, exit codes.</summary>
internal static class HelpText
{
    public static void Write(IAnsiConsole console, IReadOnlyList<BuildTarget> targets, IReadOnlyList<ResolvedParameter> parameters, object build)
    {
        console.WriteLine("Usage: ./build.sh <target> [<target>...] [--<parameter> <value>...] [switches]");
        console.WriteLine();

        console.WriteLine("Targets:");
        var targetGrid = Grid(3);
        foreach (var target in targets)
            targetGrid.AddRow(
                new Text("  " + target.Name),
                new Text(target.Definition.DescriptionText ?? ""),
                new Text(target.Dependencies.Count == 0 ? "" : "depends on " + string.Join(", ", target.Dependencies)));
        UnpaddedGrid.Write(console, targetGrid);
        console.WriteLine();

        if (parameters.Count > 0)
        {
            console.WriteLine("Parameters:");
            var parameterGrid = Grid(3);
            foreach (var resolved in parameters)
                parameterGrid.AddRow(
                    new Text("  " + resolved.Parameter.OptionName),
                    new Text(resolved.Parameter.Description),
                    new Text(CurrentValue(resolved, build)));
            UnpaddedGrid.Write(console, parameterGrid);
            console.WriteLine();
        }

        console.WriteLine("Switches:");
        var switches = Grid(2);
        foreach (var (name, text) in Switches) switches.AddRow(new Text("  " + name), new Text(text));
        UnpaddedGrid.Write(console, switches);
        console.WriteLine();

        console.WriteLine("Exit codes: 0 every target succeeded, was up to date or skipped; 1 a target failed; 2 usage error.");
    }

    private static readonly (string, string)[] Switches =
    [
        ("--help, -h", "Show this help."),
        ("--plan", "Show which targets would run, in order, and why; run nothing."),
        ("--format text|json", "Output format of --plan and of targets that list data (Deployments)."),
        ("--skip [A,B]", "Skip the named targets; without names, skip every target not named on the command line."),
        ("--force", "Run targets even when they are up to date."),
        ("--root DIR", "Repository root (default: nearest directory with a .trainyard folder)."),
    ];

    private static string CurrentValue(ResolvedParameter resolved, object build)
    {
        var parameter = resolved.Parameter;
        var source = resolved.Source switch
        {
            ParameterSource.CommandLine => "command line",
            ParameterSource.Environment => $"environment {parameter.EnvironmentVariable}",
            ParameterSource.ParametersFile => "parameters file",
            _ => "default",
        };
        if (parameter.IsSecret)
            return resolved.Source == ParameterSource.Default ? $"unset (secret; set {parameter.EnvironmentVariable})" : $"set (secret; {source})";
        string value;
        try
        {
            value = ParameterValueParser.Format(parameter.ReadValue(build));
        }
        catch (Exception e) when ((e is System.Reflection.TargetInvocationException { InnerException: { } inner } ? inner : e) is TrainyardException expected)
        {
            // A default that depends on the repository (the only pipeline spec) says why it has none.
            return $"(none: {expected.Message})";
        }
        return $"{(value == "" ? "(none)" : value)} ({source})";
    }

    private static Grid Grid(int columns)
    {
        var grid = new Grid();
        for (var i = 0; i < columns; i++) grid.AddColumn(new GridColumn().PadRight(2));
        return grid;
    }
}
