namespace Trainyard.Evaluation;

/// <summary>
/// Scalar metrics by name (the names of metrics.json and the gates); a null value is undefined and
/// <see cref="Undefined"/> says why (AUC of a single-class slice, precision without positive predictions…).
/// </summary>
internal sealed record MetricSet(IReadOnlyDictionary<string, double?> Values, IReadOnlyDictionary<string, string> Undefined)
{
    public static MetricSet From(IEnumerable<KeyValuePair<string, double?>> values, IReadOnlyDictionary<string, string> undefined) =>
        new(new SortedDictionary<string, double?>(values.ToDictionary(), StringComparer.Ordinal), undefined);
}

/// <summary>Collects why metrics came out undefined while they are computed; names sorted so JSON is stable.</summary>
internal sealed class UndefinedReasons
{
    private readonly SortedDictionary<string, string> _reasons = new(StringComparer.Ordinal);

    /// <summary>Passes <paramref name="value"/> through, noting <paramref name="reason"/> when it is null.</summary>
    public double? Note(string metric, double? value, string reason)
    {
        if (value is null) _reasons[metric] = reason;
        return value;
    }

    public IReadOnlyDictionary<string, string> ToDictionary() => new SortedDictionary<string, string>(_reasons, StringComparer.Ordinal);
}
