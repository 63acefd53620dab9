using System.Diagnostics;
using System.Net;

namespace Trainyard.Tests.Serving;

/// <summary>Waits for a process the tests started (a model server, the gateway) to answer /healthz, or says why it did not.</summary>
internal static class HealthWait
{
    public static async Task UntilAnsweringAsync(Process process, HttpClient http, string what, Uri url, Func<string> output)
    {
        for (var deadline = DateTime.UtcNow.AddSeconds(30); DateTime.UtcNow < deadline;)
        {
            if (process.HasExited) throw new InvalidOperationException($"the {what} exited with code {process.ExitCode}:\n{output()}");
            try
            {
                using var response = await http.GetAsync("/healthz");
                if (response.StatusCode == HttpStatusCode.OK) return;
            }
            catch (HttpRequestException) { }
            await Task.Delay(50);
        }
        throw new InvalidOperationException($"the {what} did not answer on {url} within 30 s:\n{output()}");
    }
}
