namespace Trainyard.Artifacts.Metrics;

/// <summary>A custom metric's value in metrics.json, with what the report needs to show it without the build.</summary>
internal sealed record CustomMetricValue(string Name, string DisplayName, MetricDirection Direction, double? Value, string? Undefined = null);
