using System.Globalization;
using System.Text.RegularExpressions;

namespace Trainyard.Benchmarks;

/// <summary>One closed-loop wrk run (Debian's wrk 4.1): each connection sends its next request when the last is answered.</summary>
internal sealed partial record Wrk(double Rps, double P50, double P99, string? SocketErrors)
{
    /// <summary>Requests answered in the run (wrk's "N requests in …").</summary>
    public long Requests { get; init; }

    public static async Task<Wrk> RunAsync(Placement placement, int threads, int connections, int port, string script, int seconds)
    {
        using var wrk = ServedPair.Start(placement, "wrk", [$"-t{threads}", $"-c{connections}", $"-d{seconds}s", "--latency", "-s", script,
            $"http://127.0.0.1:{port}/v1/predict"], [], capture: true);
        var output = await wrk.StandardOutput.ReadToEndAsync();
        await wrk.WaitForExitAsync();
        if (wrk.ExitCode != 0 || !RequestsPerSecond().IsMatch(output))
            throw new InvalidOperationException($"wrk failed ({wrk.ExitCode}): {output}{await wrk.StandardError.ReadToEndAsync()}");
        // Error answers are cheap and would inflate the rate: such a run measures nothing.
        if (output.Contains("Non-2xx", StringComparison.Ordinal))
            throw new InvalidOperationException($"errors under load on port {port}:\n{output}");
        return new Wrk(double.Parse(RequestsPerSecond().Match(output).Groups[1].Value, CultureInfo.InvariantCulture),
            Latency(output, "50"), Latency(output, "99"), SocketErrorsLine().Match(output) is { Success: true } m ? m.Value.Trim() : null)
        {
            Requests = long.Parse(RequestCount().Match(output).Groups[1].Value, CultureInfo.InvariantCulture),
        };
    }

    /// <summary>wrk prints "50%  123.00us" (or ms, s): in milliseconds.</summary>
    static double Latency(string output, string percentile)
    {
        var match = Regex.Match(output, $@"^\s+{percentile}(?:\.000)?%\s+([\d.]+)(us|ms|s)\s*$", RegexOptions.Multiline);
        var value = double.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture);
        return match.Groups[2].Value switch { "us" => value / 1000, "ms" => value, _ => value * 1000 };
    }

    /// <summary>wrk's count of connect/read/write errors and timeouts (2 s); timed-out requests are missing from its latencies.</summary>
    [GeneratedRegex(@"Socket errors:[^\n]*")]
    private static partial Regex SocketErrorsLine();

    [GeneratedRegex(@"(\d+) requests in ")]
    private static partial Regex RequestCount();

    [GeneratedRegex(@"Requests/sec:\s+([\d.]+)")]
    private static partial Regex RequestsPerSecond();
}
