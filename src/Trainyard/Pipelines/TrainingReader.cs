using System.Collections.ObjectModel;
using YamlDotNet.RepresentationModel;

namespace Trainyard.Pipelines;

/// <summary>Reads the <c>training</c> section.</summary>
internal static class TrainingReader
{
    public static readonly IReadOnlyList<string> Keys = ["trainer", "rounds", "early_stopping_rounds", "threads", "exclude", "parameters"];

    public static TrainingSpec Read(YamlSection section)
    {
        var defaults = new TrainingSpec();
        // Any name loads: the trainers a build registers are known only when Train runs (TrainingRun checks the name).
        var trainer = section.Text("trainer");
        var (parameters, locations) = ReadParameters(section);
        return new TrainingSpec
        {
            Trainer = trainer ?? defaults.Trainer,
            TrainerLocation = trainer is null ? null : section.LocationOf("trainer"),
            Rounds = (int)section.InRange("rounds", section.WholeNumber("rounds", defaults.Rounds), 1),
            EarlyStoppingRounds = (int)section.InRange("early_stopping_rounds", section.WholeNumber("early_stopping_rounds", defaults.EarlyStoppingRounds), 0),
            Threads = (int)section.InRange("threads", section.WholeNumber("threads", defaults.Threads), 0),
            Exclude = section.TextList("exclude") ?? [],
            Parameters = parameters,
            ParameterLocations = locations,
        };
    }

    // Values are handed to the trainer as the text written, so any scalar is fine; lists and mappings are not.
    private static (IReadOnlyDictionary<string, string>, IReadOnlyDictionary<string, SourceLocation>) ReadParameters(YamlSection section)
    {
        var parameters = new Dictionary<string, string>(StringComparer.Ordinal);
        var locations = new Dictionary<string, SourceLocation>(StringComparer.Ordinal);
        if (section.Node("parameters") is not { } node)
            return (new ReadOnlyDictionary<string, string>(parameters), locations);
        var all = YamlSection.Of(node, section.File, $"{section.Name}.parameters", [], ignoreUnknownKeys: true);
        foreach (var name in all.Keys)
        {
            switch (all.Node(name))
            {
                case null:
                    continue; // "not set": the trainer's own default applies
                case YamlScalarNode scalar:
                    parameters[name] = scalar.Value!;
                    locations[name] = all.KeyLocationOf(name);
                    break;
                case var other:
                    throw all.Error(name, $"parameter '{name}' expects a single value (a number, a word or true/false), got {YamlSection.Kind(other)}");
            }
        }
        return (new ReadOnlyDictionary<string, string>(parameters), new ReadOnlyDictionary<string, SourceLocation>(locations));
    }
}
