using Trainyard.Artifacts;
using Trainyard.Artifacts.Monitoring;
using Trainyard.IO;

namespace Trainyard.Training;

/// <summary>
/// Whether Retrain trains again, from the monitor.json Monitor just wrote: when it says retrain, or with
/// <c>--force</c>. The trigger recorded is what Monitor found (<c>drift(Income, Age)</c>, <c>quality(auc)</c>) with
/// the report's sha256, else the run's own trigger (<c>--trigger</c>, the CI event, or manual).
/// </summary>
/// <param name="Why">One sentence for people: why the chain runs or is skipped.</param>
internal sealed record RetrainDecision(bool Retrain, string Why, RunTrigger Trigger)
{
    /// <remarks>
    /// Synchronous: target conditions (OnlyWhen) are; monitor.json is a few kilobytes read once per chain target.
    /// </remarks>
    /// <param name="writtenSince">When Monitor runs in this build: a monitor.json older than this is an earlier run's
    /// (Monitor failed before writing) and decides nothing. Null when Monitor was skipped and the file was given.</param>
    public static RetrainDecision Decide(string root, string monitorPath, bool force, RunTrigger given, DateTimeOffset? writtenSince = null)
    {
        var full = RepositoryPath.Full(root, monitorPath);
        var stale = writtenSince is { } since && File.Exists(full) && File.GetLastWriteTimeUtc(full) < since.UtcDateTime;
        var report = File.Exists(full) && !stale ? MonitorReport.ReadAsync(full).GetAwaiter().GetResult() : null;
        if (report is { Retrain: true })
            return new RetrainDecision(true, $"Monitor asks for retraining ({string.Join("; ", report.RetrainReasons)}); {report.ProductionVersion} is in production",
                new RunTrigger(TriggerOf(report.RetrainReasons), "sha256:" + ContentHash.OfFile(full)));
        var quiet = report is null
            ? stale ? $"Monitor wrote no {monitorPath} in this run (the one there is from {File.GetLastWriteTimeUtc(full):yyyy-MM-dd HH:mm} UTC)" : $"Monitor wrote no {monitorPath}"
            : $"Monitor's verdict on production ({report.ProductionVersion}) is {report.Verdict.Replace('_', ' ')} and it asks for no retraining"
              + (report.Summary is { Length: > 0 } summary ? $" ({summary})" : "");
        return force
            ? new RetrainDecision(true, $"--force given, so retraining although {Lower(quiet)}", given)
            : new RetrainDecision(false, quiet, given);
    }

    /// <summary>
    /// The lineage trigger from Monitor's reasons: <c>drift(Income, Age)</c> as Monitor writes it; a quality reason
    /// (<c>estimated.auc 0.71 &lt; 0.74</c>) as <c>quality(auc)</c>, every quality metric in one; several causes joined by "; ".
    /// </summary>
    public static string TriggerOf(IReadOnlyList<string> reasons)
    {
        var causes = reasons.Where(r => r.StartsWith("drift(", StringComparison.Ordinal) || r.StartsWith("quality(", StringComparison.Ordinal)).ToList();
        var metrics = reasons.Except(causes)
            .Select(r => r.Split(' ', 2)[0])
            .Select(m => m.StartsWith(EstimatedPrefix, StringComparison.Ordinal) ? m[EstimatedPrefix.Length..] : m)
            .Where(m => m.Length > 0).Distinct(StringComparer.Ordinal).ToList();
        if (metrics.Count > 0) causes.Add($"quality({string.Join(", ", metrics)})");
        return string.Join("; ", causes);
    }

    const string EstimatedPrefix = "estimated.";

    /// <summary>When this build's process started: a file written before it is an earlier build's.</summary>
    public static DateTimeOffset ProcessStarted()
    {
        using var process = System.Diagnostics.Process.GetCurrentProcess();
        return process.StartTime.ToUniversalTime();
    }

    static string Lower(string text) => text.Length == 0 ? text : char.ToLowerInvariant(text[0]) + text[1..];
}
