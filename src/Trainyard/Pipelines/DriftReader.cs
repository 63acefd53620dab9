using System.Collections.Frozen;

namespace Trainyard.Pipelines;

/// <summary>Reads the <c>drift</c> section, including its per-column overrides.</summary>
internal static class DriftReader
{
    public static readonly IReadOnlyList<string> Keys =
        ["reference", "p_value", "correction", "min_sample_size", "dataset_drift_share", "psi_threshold", "severity", "columns"];
    private static readonly IReadOnlyList<string> ColumnKeys = ["method", "threshold", "ignore"];

    public static DriftSpec Read(YamlSection section)
    {
        var defaults = new DriftSpec();
        return new DriftSpec
        {
            Reference = section.Text("reference"),
            PValue = section.InRange("p_value", section.Number("p_value", defaults.PValue), 0, 1, lowInclusive: false, highInclusive: false),
            Correction = section.Choice("correction", defaults.Correction),
            MinSampleSize = (int)section.InRange("min_sample_size", section.WholeNumber("min_sample_size", defaults.MinSampleSize), 1),
            DatasetDriftShare = section.InRange("dataset_drift_share", section.Number("dataset_drift_share", defaults.DatasetDriftShare), 0, 1, lowInclusive: false),
            PsiThreshold = section.InRange("psi_threshold", section.Number("psi_threshold", defaults.PsiThreshold), 0, lowInclusive: false),
            Severity = section.Choice("severity", defaults.Severity, CheckSeverity.Warning, CheckSeverity.Error),
            Columns = ReadColumns(section),
        };
    }

    private static FrozenDictionary<string, ColumnDriftSpec> ReadColumns(YamlSection section)
    {
        var columns = new Dictionary<string, ColumnDriftSpec>(StringComparer.Ordinal);
        if (section.Node("columns") is not { } node)
            return FrozenDictionary<string, ColumnDriftSpec>.Empty;
        // Column names are the user's, so any key is allowed here.
        var all = YamlSection.Of(node, section.File, $"{section.Name}.columns", [], ignoreUnknownKeys: true);
        foreach (var name in all.Keys)
            columns[name] = (all.Section(name, ColumnKeys) is { } column ? ReadColumn(column) : new ColumnDriftSpec())
                with { Location = all.KeyLocationOf(name) };
        return columns.ToFrozenDictionary(StringComparer.Ordinal);
    }

    private static ColumnDriftSpec ReadColumn(YamlSection column)
    {
        var method = column.OptionalChoice<DriftMethod>("method");
        var threshold = column.OptionalNumber("threshold");
        if (threshold is { } value)
        {
            // ks and chisquare thresholds are p-values; the others are distances.
            var isPValue = method is DriftMethod.Ks or DriftMethod.ChiSquare;
            column.InRange("threshold", value, 0, isPValue ? 1 : double.PositiveInfinity, lowInclusive: false, highInclusive: !isPValue);
        }
        return new ColumnDriftSpec { Method = method, Threshold = threshold, Ignore = column.Flag("ignore", false) };
    }
}
