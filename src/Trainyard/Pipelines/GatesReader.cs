using YamlDotNet.RepresentationModel;

namespace Trainyard.Pipelines;

/// <summary>Reads the <c>gates</c> section: the no-baseline rule and one gate expression per list item.</summary>
internal static class GatesReader
{
    public static readonly IReadOnlyList<string> Keys = ["when_no_baseline", "rules"];

    public static GatesSpec Read(YamlSection section)
    {
        var defaults = new GatesSpec();
        return new GatesSpec
        {
            WhenNoBaseline = section.Choice("when_no_baseline", defaults.WhenNoBaseline),
            Rules = ReadRules(section),
        };
    }

    private static IReadOnlyList<GateRule> ReadRules(YamlSection section) =>
        ReadList(section, "rules", GateGrammar.Gates, "auc >= 0.80") ?? [];

    /// <summary>
    /// A list of one-line rules in <paramref name="grammar"/> (gates, deploy checks); null when the key is absent.
    /// <paramref name="example"/> is a rule of that kind, for the messages.
    /// </summary>
    public static IReadOnlyList<GateRule>? ReadList(YamlSection section, string key, GateGrammar grammar, string example) =>
        section.Node(key) switch
        {
            null => null,
            YamlSequenceNode list => list.Children.Select(item => ReadRule(section.File, item, grammar, example)).ToList().AsReadOnly(),
            var other => throw section.Error(key,
                $"'{key}' expects a list of {grammar.Noun}s, one per line such as '- {example}', got {YamlSection.Kind(other)}"),
        };

    private static GateRule ReadRule(string file, YamlNode item, GateGrammar grammar, string example)
    {
        var location = YamlSection.LocationOf(file, item);
        var (noun, forms) = (grammar.Noun, grammar.Forms);
        var metric = example[..example.IndexOf(' ')];
        return item switch
        {
            YamlScalarNode scalar when !YamlSection.IsNull(scalar) => GateExpression.Parse(scalar.Value!, location, grammar),
            // "- auc: 0.8" reads as a mapping: the likeliest slip, so the message shows the intended form.
            YamlMappingNode => throw new TrainyardException(
                $"each {noun} is one line such as '{example}', got a mapping (write '{metric} >= 0.8', not '{metric}: 0.8'); {forms}", location),
            YamlScalarNode => throw new TrainyardException($"this {noun} is empty; {forms}", location),
            _ => throw new TrainyardException($"each {noun} is one line such as '{example}', got {YamlSection.Kind(item)}; {forms}", location),
        };
    }
}
