using System.Globalization;
using System.Net.Sockets;

namespace Trainyard.Serving;

/// <summary>
/// <c>--probe [url]</c>: one GET with a short timeout, exit 0 on a 2xx and 1 otherwise, with one line saying what
/// was seen. It is the image's HEALTHCHECK (the image has no shell and no curl), so it reads no other setting, loads
/// no model and builds no web host: it must answer well inside the healthcheck's own timeout.
/// </summary>
internal static class HealthProbe
{
    public const string TimeoutVariable = "TRAINYARD_PROBE_TIMEOUT_SECONDS";
    const double DefaultTimeoutSeconds = 3;

    /// <summary>
    /// <c>--probe</c> without a URL: this server's /readyz on loopback, at the port it listens on — the first http
    /// address of TRAINYARD_URLS, else ASPNETCORE_URLS (the server's own precedence), else 8080. So an image's
    /// HEALTHCHECK follows <c>docker run -e ASPNETCORE_URLS=http://+:8081</c> without being rewritten.
    /// </summary>
    public static string DefaultUrl(Func<string, string?> variable)
    {
        var urls = variable("TRAINYARD_URLS") is { Length: > 0 } own && own.Trim().Length > 0 ? own : variable("ASPNETCORE_URLS") ?? "";
        var addresses = urls.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var address = addresses.FirstOrDefault(a => a.StartsWith("http://", StringComparison.OrdinalIgnoreCase)) ?? addresses.FirstOrDefault();
        if (address is null) return "http://127.0.0.1:8080/readyz";
        var https = address.StartsWith("https://", StringComparison.OrdinalIgnoreCase);
        return $"{(https ? "https" : "http")}://127.0.0.1:{PortOf(address) ?? (https ? 443 : 80)}/readyz";
    }

    /// <summary>
    /// The port of a Kestrel address (<c>http://+:8081</c>, <c>http://[::]:8081/</c>, <c>http://localhost</c>): Uri
    /// cannot read the wildcard hosts, so by hand: the digits after the host's last colon, outside brackets.
    /// </summary>
    static int? PortOf(string address)
    {
        var scheme = address.IndexOf("://", StringComparison.Ordinal);
        var authority = address[(scheme < 0 ? 0 : scheme + 3)..];
        if (authority.IndexOf('/') is var slash and >= 0) authority = authority[..slash];
        var colon = authority.LastIndexOf(':');
        if (colon < 0 || colon < authority.LastIndexOf(']')) return null;
        return int.TryParse(authority[(colon + 1)..], NumberStyles.None, CultureInfo.InvariantCulture, out var port) && port is > 0 and < 65536 ? port : null;
    }

    /// <returns>0 when the URL answered 2xx; 1 when it answered otherwise or not at all; 2 for a bad URL or timeout setting.</returns>
    public static async Task<int> RunAsync(string url, Func<string, string?> variable, TextWriter output, CancellationToken cancellationToken)
    {
        if (!Uri.TryCreate(url, UriKind.Absolute, out var target) || target.Scheme is not ("http" or "https"))
        {
            output.WriteLine($"trainyard-serving: --probe '{url}' is not an http(s) URL; give one like http://127.0.0.1:8080/readyz");
            return 2;
        }
        var timeoutText = variable(TimeoutVariable)?.Trim();
        var seconds = DefaultTimeoutSeconds;
        if (!string.IsNullOrEmpty(timeoutText)
            && (!double.TryParse(timeoutText, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out seconds) || seconds <= 0 || seconds > 300))
        {
            output.WriteLine($"trainyard-serving: {TimeoutVariable}='{timeoutText}' is not a number of seconds above 0 and at most 300");
            return 2;
        }

        // No proxy: a probe asks the instance itself, and an HTTP_PROXY meant for the outside world must not answer for it.
        using var http = new HttpClient(new SocketsHttpHandler { UseProxy = false, AllowAutoRedirect = false }) { Timeout = TimeSpan.FromSeconds(seconds) };
        try
        {
            using var response = await http.GetAsync(target, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
            var status = (int)response.StatusCode;
            output.WriteLine($"{target}: {status} {response.ReasonPhrase}");
            return status is >= 200 and < 300 ? 0 : 1;
        }
        catch (HttpRequestException error)
        {
            var reason = error.InnerException is SocketException socket ? socket.Message : error.Message;
            output.WriteLine($"{target}: could not connect ({reason})");
            return 1;
        }
        catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            output.WriteLine($"{target}: no answer within {seconds.ToString(CultureInfo.InvariantCulture)} s ({TimeoutVariable})");
            return 1;
        }
    }
}
