using System.Globalization;
using System.Net.Sockets;

namespace Trainyard.Runtime.Hosting;

/// <summary>
/// <c>--probe &lt;url&gt;</c> of the model server and the gateway: one GET with a short timeout, exit 0 on a 2xx and 1
/// otherwise, with one line saying what was seen. It is each image's HEALTHCHECK (the images have no shell and no
/// curl), so it reads no other setting and builds no web host: it must answer well inside the healthcheck's own
/// timeout. Here, in the production assembly both reference, so the gateway carries no model-server code.
/// </summary>
internal static class HealthProbe
{
    public const string TimeoutVariable = "TRAINYARD_PROBE_TIMEOUT_SECONDS";
    const double DefaultTimeoutSeconds = 3;

    /// <param name="program">How messages name the process: <c>trainyard-serving</c>, <c>trainyard-gateway</c>.</param>
    /// <param name="exampleUrl">A URL to show when <paramref name="url"/> is not one.</param>
    /// <returns>0 when the URL answered 2xx; 1 when it answered otherwise or not at all; 2 for a bad URL or timeout setting.</returns>
    public static async Task<int> RunAsync(string program, string exampleUrl, string url, Func<string, string?> variable, TextWriter output,
        CancellationToken cancellationToken)
    {
        if (!Uri.TryCreate(url, UriKind.Absolute, out var target) || target.Scheme is not ("http" or "https"))
        {
            output.WriteLine($"{program}: --probe '{url}' is not an http(s) URL; give one like {exampleUrl}");
            return 2;
        }
        var timeoutText = variable(TimeoutVariable)?.Trim();
        var seconds = DefaultTimeoutSeconds;
        if (!string.IsNullOrEmpty(timeoutText)
            && (!double.TryParse(timeoutText, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out seconds) || seconds <= 0 || seconds > 300))
        {
            output.WriteLine($"{program}: {TimeoutVariable}='{timeoutText}' is not a number of seconds above 0 and at most 300");
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
