using System.Net.Http.Headers;

namespace Trainyard.Deploy.Metrics;

/// <summary>One <c>/metrics</c> answer, parsed: the samples of one process at one moment.</summary>
internal sealed record Scrape(Uri Source, IReadOnlyList<MetricSample> Samples)
{
    /// <summary>GETs <paramref name="url"/> asking for the text format; unreachable, a non-200 answer or a malformed line is a TrainyardException naming the URL.</summary>
    public static async Task<Scrape> FetchAsync(HttpClient http, Uri url, CancellationToken ct)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        // Text 0.0.4, not OpenMetrics or protobuf, from exporters that can answer in several formats.
        request.Headers.Accept.Add(MediaTypeWithQualityHeaderValue.Parse("text/plain; version=0.0.4"));
        string text;
        try
        {
            using var response = await http.SendAsync(request, ct);
            text = await response.Content.ReadAsStringAsync(ct);
            if (!response.IsSuccessStatusCode)
                throw new TrainyardException($"{url} answered {(int)response.StatusCode} {response.ReasonPhrase} to a metrics scrape: {Shorten(text)}");
        }
        catch (HttpRequestException e)
        {
            throw new TrainyardException($"could not scrape metrics from {url}: {e.Message} (is the process running and listening there?)", innerException: e);
        }
        catch (TaskCanceledException e) when (!ct.IsCancellationRequested)
        {
            throw new TrainyardException($"could not scrape metrics from {url}: no answer within {http.Timeout.TotalSeconds:0} s", innerException: e);
        }
        return new Scrape(url, ExpositionText.Parse(text, url));
    }

    public IEnumerable<MetricSample> Named(string name) => Samples.Where(s => s.Name == name);

    /// <summary>An answer's start, for an error message.</summary>
    internal static string Shorten(string text) => text.Length <= 200 ? text.Trim() : text[..200].Trim() + "...";
}
