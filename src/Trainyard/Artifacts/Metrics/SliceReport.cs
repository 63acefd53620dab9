namespace Trainyard.Artifacts.Metrics;

/// <param name="Eligible">Whether the group has at least MinSliceRows rows and so counts in the gaps.</param>
internal sealed record SliceGroup(string Value, int Rows, bool Eligible, IReadOnlyDictionary<string, double?> Metrics, IReadOnlyDictionary<string, string> Undefined);

/// <summary>The largest difference of one metric between eligible groups: highest − lowest; null with a reason when fewer than two groups have it.</summary>
internal sealed record SliceGap(string Metric, double? Gap, string? HighestGroup, string? LowestGroup, string? Reason = null);

internal sealed record SliceReport(string Column, int MinRows, IReadOnlyList<SliceGroup> Groups, IReadOnlyList<SliceGap> Gaps);
