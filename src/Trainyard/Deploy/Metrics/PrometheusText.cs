namespace Trainyard.Deploy.Metrics;

// STUB (lead's branch): the metrics helper's parser replaces this at merge.
internal sealed record Sample(string Name, IReadOnlyDictionary<string, string> Labels, double Value);
internal static class PrometheusText
{
    public static IReadOnlyList<Sample> Parse(string text, string source) => [];
}
