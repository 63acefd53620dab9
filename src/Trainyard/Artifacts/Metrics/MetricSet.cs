namespace Trainyard.Artifacts.Metrics;

/// <summary>
/// Scalar metrics by name (the names of metrics.json and the gates); a null value is undefined and
/// <see cref="Undefined"/> says why (AUC of a single-class slice, precision without positive predictions…).
/// </summary>
internal sealed record MetricSet(IReadOnlyDictionary<string, double?> Values, IReadOnlyDictionary<string, string> Undefined)
{
    public static MetricSet From(IEnumerable<KeyValuePair<string, double?>> values, IReadOnlyDictionary<string, string> undefined) =>
        new(new SortedDictionary<string, double?>(values.ToDictionary(), StringComparer.Ordinal), undefined);
}
