using System.Globalization;
using System.Text;

namespace Trainyard.Runtime.Metrics;

/// <summary>The Prometheus text format (0.0.4) as the model server's and the gateway's /metrics write it.</summary>
internal static class PrometheusText
{
    public const string ContentType = "text/plain; version=0.0.4; charset=utf-8";

    public static void Header(StringBuilder text, string name, string type, string help) => text.Append($"# HELP {name} {help}\n# TYPE {name} {type}\n");

    /// <summary>A histogram's bucket, sum and count lines; <paramref name="labels"/> is empty or ends with a comma (<c>route="/v1/predict",</c>).</summary>
    public static void WriteHistogram(StringBuilder text, string name, string labels, Histogram histogram)
    {
        var (cumulative, sum) = histogram.Snapshot();
        for (var i = 0; i < histogram.Bounds.Length; i++) text.Append($"{name}_bucket{{{labels}le=\"{Number(histogram.Bounds[i])}\"}} {cumulative[i]}\n");
        text.Append($"{name}_bucket{{{labels}le=\"+Inf\"}} {cumulative[^1]}\n");
        var plain = labels.TrimEnd(',');
        var braces = plain.Length == 0 ? "" : $"{{{plain}}}";
        text.Append($"{name}_sum{braces} {Number(sum)}\n{name}_count{braces} {cumulative[^1]}\n");
    }

    public static string Number(double value) => value.ToString("R", CultureInfo.InvariantCulture);

    // The exposition format's label value escapes: backslash, double quote and line feed.
    public static string Escape(string value) => value.Replace("\\", "\\\\").Replace("\"", "\\\"").Replace("\n", "\\n");
}
