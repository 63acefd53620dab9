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

    private static IReadOnlyList<GateRule> ReadRules(YamlSection section)
    {
        switch (section.Node("rules"))
        {
            case null:
                return [];
            case YamlSequenceNode list:
                return list.Children.Select(item => ReadRule(section.File, item)).ToList().AsReadOnly();
            case var other:
                throw section.Error("rules", $"'rules' expects a list of gates, one per line such as '- auc >= 0.80', got {YamlSection.Kind(other)}");
        }
    }

    private static GateRule ReadRule(string file, YamlNode item)
    {
        var location = YamlSection.LocationOf(file, item);
        return item switch
        {
            YamlScalarNode scalar when !YamlSection.IsNull(scalar) => GateExpression.Parse(scalar.Value!, location),
            // "- auc: 0.8" reads as a mapping: the likeliest slip, so the message shows the intended form.
            YamlMappingNode => throw new TrainyardException(
                $"each gate is one line such as 'auc >= 0.80', got a mapping (write 'auc >= 0.8', not 'auc: 0.8'); {GateExpression.Forms}", location),
            YamlScalarNode => throw new TrainyardException($"this gate is empty; {GateExpression.Forms}", location),
            _ => throw new TrainyardException($"each gate is one line such as 'auc >= 0.80', got {YamlSection.Kind(item)}; {GateExpression.Forms}", location),
        };
    }
}
