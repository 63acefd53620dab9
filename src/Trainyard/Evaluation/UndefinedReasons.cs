namespace Trainyard.Evaluation;

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
