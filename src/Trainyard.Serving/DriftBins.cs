using System.Text.Json;
using Trainyard.Runtime.Features;

namespace Trainyard.Serving;

/// <summary>One column's drift bins and the training data's share in each, read from its profile entry (docs/profile-format.md).</summary>
internal sealed class DriftBins
{
    readonly double[] _innerEdges; // numeric: bin i is [e[i-1], e[i]); first and last open-ended
    readonly FeatureEncoding _encoding;

    DriftBins(FeatureEncoding encoding, double[] innerEdges, double[] referenceShares)
    {
        _encoding = encoding;
        _innerEdges = innerEdges;
        ReferenceShares = referenceShares;
    }

    public double[] ReferenceShares { get; }

    /// <summary>The bins for a profiled column, or null when the profile lacks what they need (no histogram, an incomplete category table).</summary>
    public static DriftBins? FromProfile(Featurizer featurizer, int column, JsonElement profile)
    {
        var encoding = featurizer.Columns[column].Encoding;
        switch (encoding)
        {
            case FeatureEncoding.Numeric when profile.TryGetProperty("histogram", out var histogram):
                var edges = histogram.GetProperty("edges").EnumerateArray().Select(e => e.GetDouble()).ToArray();
                var counts = histogram.GetProperty("counts").EnumerateArray().Select(e => e.GetDouble()).ToArray();
                return new DriftBins(encoding, edges.Length > 2 ? edges[1..^1] : [], Shares(counts));
            case FeatureEncoding.Boolean when profile.TryGetProperty("true_count", out var trueCount):
                var present = profile.GetProperty("count").GetDouble() - profile.GetProperty("missing").GetDouble();
                return new DriftBins(encoding, [], Shares([present - trueCount.GetDouble(), trueCount.GetDouble()]));
            case FeatureEncoding.OneHot when profile.TryGetProperty("categories", out var table):
                // One bin per training category in slot order, then "unseen" (a profile value the featurizer dropped counts there).
                var categories = featurizer.Columns[column].Categories!;
                var reference = new double[categories.Count + 1];
                foreach (var entry in table.GetProperty("values").EnumerateArray())
                {
                    var slot = featurizer.SlotOf(column, entry.GetProperty("value").GetString());
                    reference[slot >= 0 ? slot : categories.Count] += entry.GetProperty("count").GetDouble();
                }
                return new DriftBins(encoding, [], Shares(reference));
            default:
                return null;
        }
    }

    /// <summary>The bin of one column's encoded features, or -1 when the value is missing.</summary>
    public int BinOf(ReadOnlySpan<float> slots)
    {
        if (float.IsNaN(slots[0])) return -1;
        switch (_encoding)
        {
            case FeatureEncoding.Numeric:
                var bin = Array.BinarySearch(_innerEdges, (double)slots[0]);
                return bin >= 0 ? bin + 1 : ~bin; // an edge starts its bin, as in the profile's histogram
            case FeatureEncoding.Boolean:
                return slots[0] > 0.5f ? 1 : 0;
            default:
                var hot = slots.IndexOf(1f);
                return hot >= 0 ? hot : slots.Length; // all zero: a category training never saw
        }
    }

    static double[] Shares(double[] counts)
    {
        var total = counts.Sum();
        return [.. counts.Select(c => total > 0 ? c / total : 0)];
    }
}
