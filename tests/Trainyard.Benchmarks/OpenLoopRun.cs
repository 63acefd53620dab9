using System.Globalization;

namespace Trainyard.Benchmarks;

/// <summary>
/// One open-loop run: the rate asked for and the rate the client really sent at (requests sent within the measured
/// window ÷ its length), latencies in milliseconds from each request's due time, and for how many milliseconds
/// requests were due while all connections waited on the service. Passed from the client's
/// process to the benchmark's as one line of name=value pairs.
/// </summary>
internal sealed record OpenLoopRun(int IntendedRate, double AchievedRate, long Measured, long Unanswered, long Errors,
    double P50, double P99, double P999, double Max, double SendLagP99, double AllConnectionsBusy, int Reconnects)
{
    /// <summary>A run that did not send what it was asked to, or lost or failed requests, measured something else.</summary>
    public bool Valid => Unanswered == 0 && Errors == 0 && AchievedRate >= 0.98 * IntendedRate;

    public string ToLine() => string.Create(CultureInfo.InvariantCulture,
        $"intended={IntendedRate} achieved={AchievedRate:F1} measured={Measured} unanswered={Unanswered} errors={Errors} " +
        $"p50={P50:F3} p99={P99:F3} p999={P999:F3} max={Max:F3} send_lag_p99={SendLagP99:F3} all_busy={AllConnectionsBusy:F1} reconnects={Reconnects}");

    public static OpenLoopRun Parse(string line)
    {
        var fields = line.Trim().Split(' ').Select(f => f.Split('=', 2)).ToDictionary(p => p[0], p => p[1]);
        double Number(string name) => double.Parse(fields[name], CultureInfo.InvariantCulture);
        return new OpenLoopRun(int.Parse(fields["intended"], CultureInfo.InvariantCulture), Number("achieved"),
            long.Parse(fields["measured"], CultureInfo.InvariantCulture), long.Parse(fields["unanswered"], CultureInfo.InvariantCulture),
            long.Parse(fields["errors"], CultureInfo.InvariantCulture), Number("p50"), Number("p99"), Number("p999"), Number("max"), Number("send_lag_p99"), Number("all_busy"), int.Parse(fields["reconnects"], CultureInfo.InvariantCulture));
    }
}
