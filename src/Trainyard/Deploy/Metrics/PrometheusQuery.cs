using System.Globalization;
using System.Text.Json;

namespace Trainyard.Deploy.Metrics;

/// <summary>
/// An instant query to Prometheus' HTTP API (<c>GET /api/v1/query?query=…&amp;time=…</c>) whose answer is a vector.
/// Every failure — unreachable, an error status, an answer that is not a vector — is a TrainyardException naming
/// the URL and the query; an empty vector is a valid answer (no data).
/// </summary>
internal static class PrometheusQuery
{
    internal sealed record Element(IReadOnlyDictionary<string, string> Labels, double Value);

    public static async Task<IReadOnlyList<Element>> InstantAsync(HttpClient http, Uri prometheus, string query, DateTimeOffset at, CancellationToken ct)
    {
        var time = (at.ToUnixTimeMilliseconds() / 1000.0).ToString("0.###", CultureInfo.InvariantCulture);
        var url = new Uri(prometheus, $"{prometheus.AbsolutePath.TrimEnd('/')}/api/v1/query?query={Uri.EscapeDataString(query)}&time={time}");
        string body;
        int status;
        try
        {
            using var response = await http.GetAsync(url, ct);
            status = (int)response.StatusCode;
            body = await response.Content.ReadAsStringAsync(ct);
        }
        catch (HttpRequestException e)
        {
            throw Failure(prometheus, query, $"could not be reached: {e.Message} (is --prometheus-url right, and is Prometheus running?)", e);
        }
        catch (TaskCanceledException e) when (!ct.IsCancellationRequested)
        {
            throw Failure(prometheus, query, $"did not answer within {http.Timeout.TotalSeconds:0} s", e);
        }

        using var document = TryParse(body);
        var root = document?.RootElement ?? default;
        if (Text(root, "status") is null)
            throw Failure(prometheus, query, $"answered HTTP {status} with something that is not the query API's JSON (is the URL Prometheus' base URL?): {Scrape.Shorten(body)}");
        if (Text(root, "status") != "success")
            throw Failure(prometheus, query, $"answered HTTP {status}, {Text(root, "errorType") ?? "error"}: {Text(root, "error") ?? Scrape.Shorten(body)}");
        if (!root.TryGetProperty("data", out var data) || Text(data, "resultType") != "vector" || !data.TryGetProperty("result", out var result))
            throw Failure(prometheus, query, $"answered with a {Text(data, "resultType") ?? "missing"} result where a vector was expected");

        var elements = new List<Element>();
        foreach (var element in result.EnumerateArray())
        {
            var labels = element.GetProperty("metric").EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetString() ?? "", StringComparer.Ordinal);
            // "value": [<unix time>, "<number as text>"]; the text can be NaN or ±Inf.
            var text = element.GetProperty("value")[1].GetString() ?? "";
            if (!ExpositionText.TryParseValue(text, out var value)) throw Failure(prometheus, query, $"answered a sample value \"{text}\" that is not a number");
            elements.Add(new Element(labels, value));
        }
        return elements;
    }

    static JsonDocument? TryParse(string body)
    {
        try { return JsonDocument.Parse(body); }
        catch (JsonException) { return null; }
    }

    static string? Text(JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    static TrainyardException Failure(Uri prometheus, string query, string what, Exception? inner = null) =>
        new($"Prometheus at {prometheus} {what}; query: {query}", innerException: inner);
}
