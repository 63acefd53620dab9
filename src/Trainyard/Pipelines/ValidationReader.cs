namespace Trainyard.Pipelines;

/// <summary>Reads the <c>validation</c> section.</summary>
internal static class ValidationReader
{
    public static readonly IReadOnlyList<string> Keys = ["min_rows", "max_examples", "duplicate_rows", "constant_columns", "label_required"];
    private static readonly IReadOnlyList<string> DuplicateRowsKeys = ["severity", "max_share"];

    public static ValidationSpec Read(YamlSection section)
    {
        var defaults = new ValidationSpec();
        return new ValidationSpec
        {
            MinRows = (int)section.InRange("min_rows", section.WholeNumber("min_rows", defaults.MinRows), 0),
            MaxExamples = (int)section.InRange("max_examples", section.WholeNumber("max_examples", defaults.MaxExamples), 0),
            DuplicateRows = ReadDuplicateRows(section, defaults.DuplicateRows),
            ConstantColumns = section.Choice("constant_columns", defaults.ConstantColumns),
            LabelRequired = section.Flag("label_required", defaults.LabelRequired),
        };
    }

    // Both "duplicate_rows: error" and "duplicate_rows: { severity: error, max_share: 0.01 }" are accepted.
    private static DuplicateRowsRule ReadDuplicateRows(YamlSection section, DuplicateRowsRule defaults)
    {
        if (section.Node("duplicate_rows") is YamlDotNet.RepresentationModel.YamlScalarNode)
            return defaults with { Severity = section.Choice("duplicate_rows", defaults.Severity) };
        if (section.Section("duplicate_rows", DuplicateRowsKeys) is not { } rule)
            return defaults;
        return new DuplicateRowsRule
        {
            Severity = rule.Choice("severity", defaults.Severity),
            MaxShare = rule.InRange("max_share", rule.Number("max_share", defaults.MaxShare), 0, 1),
        };
    }
}
