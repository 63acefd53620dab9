namespace Trainyard.Targets;

internal enum PlanFormat { Text, Json }

/// <summary>
/// What was asked for: <c>./build.sh InferSchema ValidateData --max-examples 10 --skip Train --force</c>.
/// Positional words are targets; <c>--name value</c> and <c>--name=value</c> are parameters or switches.
/// </summary>
internal sealed record CommandLine(
    IReadOnlyList<string> Targets,
    IReadOnlyList<(string Name, string Value)> Parameters,
    bool Help,
    bool Plan,
    PlanFormat Format,
    bool SkipAllNotInvoked,
    IReadOnlyList<string> Skip,
    bool Force,
    string? Root)
{
    /// <param name="isFlag">Whether a parameter name is a bool, so that a bare <c>--flag</c> means true.</param>
    public static CommandLine Parse(IReadOnlyList<string> args, Func<string, bool> isFlag)
    {
        var targets = new List<string>();
        var parameters = new List<(string, string)>();
        bool help = false, plan = false, skipAll = false, force = false;
        var format = PlanFormat.Text;
        string? formatText = null, root = null;
        var skip = new List<string>();

        for (var i = 0; i < args.Count; i++)
        {
            var arg = args[i];
            if (arg is "-h" or "-?") { help = true; continue; }
            if (!arg.StartsWith("--", StringComparison.Ordinal) || arg.Length == 2)
            {
                targets.Add(arg);
                continue;
            }
            var equals = arg.IndexOf('=');
            var name = equals < 0 ? arg[2..] : arg[2..equals];
            var inline = equals < 0 ? null : arg[(equals + 1)..];
            var next = i + 1 < args.Count ? args[i + 1] : null;

            switch (name.ToLowerInvariant())
            {
                case "help": help = true; break;
                case "plan": plan = true; break;
                case "force": force = true; break;
                case "format": formatText = inline ?? TakeValue(name); break;
                case "root": root = inline ?? TakeValue(name); break;
                case "skip":
                    var list = inline ?? (next is not null && !next.StartsWith('-') ? args[++i] : null);
                    if (list is null) skipAll = true;
                    else skip.AddRange(list.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
                    break;
                default:
                    if (inline is not null) parameters.Add((name, inline));
                    else if (isFlag(name))
                        // A bool takes the next word only when it is one; otherwise the word is a target.
                        parameters.Add((name, next is not null && bool.TryParse(next, out _) ? args[++i] : "true"));
                    else parameters.Add((name, TakeValue(name)));
                    break;
            }

            string TakeValue(string option) =>
                next is not null && !next.StartsWith("--", StringComparison.Ordinal)
                    ? args[++i]
                    : throw new UsageException($"--{option} needs a value.");
        }

        if (formatText is not null)
            format = formatText.ToLowerInvariant() switch
            {
                "text" => PlanFormat.Text,
                "json" => PlanFormat.Json,
                _ => throw new UsageException($"--format: '{formatText}' is not text or json."),
            };
        return new CommandLine(targets, parameters, help, plan, format, skipAll, skip, force, root);
    }
}
