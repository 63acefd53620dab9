using System.Text.Json;
using Trainyard.Runtime.Drift;
using Trainyard.Runtime.Features;

namespace Trainyard.Serving;

/// <summary>
/// One column's drift bins and the training data's share in each, read from its profile entry (docs/profile-format.md).
/// Numeric bins are ValidateData's (Trainyard.Runtime.Drift.DriftBins: the reference deciles, raised to the top of
/// their sketch bucket), and a value is binned by the top of its bucket, so the window's shares are those a profile
/// of the same rows would give and its PSI is ValidateData's.
/// </summary>
internal sealed class ColumnDriftBins
{
    readonly FeatureEncoding _encoding;

    ColumnDriftBins(FeatureEncoding encoding, double[] referenceShares, BinsByKey? numeric = null)
    {
        _encoding = encoding;
        Numeric = numeric;
        ReferenceShares = referenceShares;
    }

    /// <summary>A numeric column's bins, (−∞, e₁], (e₁, e₂], …, (eₖ, +∞), found by the value's sketch key; null for other encodings.</summary>
    internal BinsByKey? Numeric { get; }

    public double[] ReferenceShares { get; }

    /// <summary>The bins for a profiled column, or null when the profile lacks what they need (no sketch, an incomplete category table).</summary>
    public static ColumnDriftBins? FromProfile(Featurizer featurizer, int column, JsonElement profile)
    {
        var encoding = featurizer.Columns[column].Encoding;
        switch (encoding)
        {
            case FeatureEncoding.Numeric when ReferenceDistribution(profile) is { } distribution:
                var edges = DriftBins.NumericEdges(distribution.Reference);
                return new ColumnDriftBins(encoding, DriftBins.NumericShares(distribution.Reference, edges), new BinsByKey(edges, distribution.Sketch));
            case FeatureEncoding.Boolean when profile.TryGetProperty("true_count", out var trueCount):
                var present = profile.GetProperty("count").GetDouble() - profile.GetProperty("missing").GetDouble();
                return new ColumnDriftBins(encoding, Shares([present - trueCount.GetDouble(), trueCount.GetDouble()]));
            case FeatureEncoding.OneHot when profile.TryGetProperty("categories", out var table):
                // One bin per training category in slot order, then "unseen" (a profile value the featurizer dropped counts there).
                var categories = featurizer.Columns[column].Categories!;
                var reference = new double[categories.Count + 1];
                foreach (var entry in table.GetProperty("values").EnumerateArray())
                {
                    var slot = featurizer.SlotOf(column, entry.GetProperty("value").GetString());
                    reference[slot >= 0 ? slot : categories.Count] += entry.GetProperty("count").GetDouble();
                }
                return new ColumnDriftBins(encoding, Shares(reference));
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
                return Numeric!.BinOf(slots[0]);
            case FeatureEncoding.Boolean:
                return slots[0] > 0.5f ? 1 : 0;
            default:
                var hot = slots.IndexOf(1f);
                return hot >= 0 ? hot : slots.Length; // all zero: a category training never saw
        }
    }

    /// <summary>The numeric column's distribution as ValidateData rebuilds it from the same profile entry, or null without a sketch.</summary>
    static (NumericSketch Sketch, SketchDistribution Reference)? ReferenceDistribution(JsonElement profile)
    {
        if (!profile.TryGetProperty("sketch", out var s) || !profile.TryGetProperty("min", out var min) || !profile.TryGetProperty("max", out var max))
            return null;
        var sketch = new NumericSketch(
            s.GetProperty("relative_accuracy").GetDouble(), s.GetProperty("max_buckets").GetInt32(), s.GetProperty("zero_count").GetInt64(),
            s.GetProperty("positive_start").GetInt32(), Counts(s.GetProperty("positive")),
            s.GetProperty("negative_start").GetInt32(), Counts(s.GetProperty("negative")));
        var mean = profile.TryGetProperty("mean", out var m) ? m.GetDouble() : 0;
        var deviation = profile.TryGetProperty("standard_deviation", out var d) ? d.GetDouble() : 0;
        return (sketch, new SketchDistribution(sketch, min.GetDouble(), max.GetDouble(), mean, deviation));
    }

    static long[] Counts(JsonElement array) => [.. array.EnumerateArray().Select(e => e.GetInt64())];

    static double[] Shares(double[] counts)
    {
        var total = counts.Sum();
        return [.. counts.Select(c => total > 0 ? c / total : 0)];
    }
}
