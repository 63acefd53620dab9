using System.Globalization;
using Trainyard.Pipelines;

namespace Trainyard.Monitoring;

/// <summary>The time window Monitor judges: [<see cref="From"/>, <see cref="To"/>).</summary>
internal sealed record LogWindow(DateTimeOffset From, DateTimeOffset To)
{
    public bool Contains(DateTimeOffset time) => time >= From && time < To;

    public TimeSpan Length => To - From;

    /// <summary>
    /// From the command line: <c>--from</c>/<c>--to</c> (ISO 8601) when given, else the last <c>--since</c> (or the
    /// spec's <c>monitor.since</c>) up to <paramref name="now"/>. <c>--from</c> without <c>--to</c> runs to now.
    /// </summary>
    public static LogWindow Of(string? since, string? from, string? to, TimeSpan specSince, DateTimeOffset now)
    {
        if (from is null && to is null)
            return new LogWindow(now - (since is null ? specSince : Duration(since, "--since")), now);
        if (since is not null) throw new UsageException("--since and --from/--to both given: choose a window by one of them");
        var end = to is null ? now : Instant(to, "--to");
        var start = from is null ? end - specSince : Instant(from, "--from");
        if (start >= end) throw new UsageException($"--from {from} is not before --to {to ?? "now"}: the window would be empty");
        return new LogWindow(start, end);
    }

    /// <summary>A duration as specs write them (<c>30m</c>, <c>24h</c>) or in days (<c>7d</c>).</summary>
    public static TimeSpan Duration(string text, string what)
    {
        var trimmed = text.Trim();
        if (trimmed.EndsWith('d') && int.TryParse(trimmed[..^1], NumberStyles.None, CultureInfo.InvariantCulture, out var days) && days > 0)
            return TimeSpan.FromDays(days);
        return YamlDuration.TryParse(trimmed, out var value) && value > TimeSpan.Zero ? value
            : throw new UsageException($"{what} '{text}': expected a duration such as 30m, 24h or 7d");
    }

    static DateTimeOffset Instant(string text, string what) =>
        DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var value) ? value
            : throw new UsageException($"{what} '{text}': expected an ISO 8601 time such as 2026-12-01T00:00:00Z or 2026-12-01");

    public override string ToString() =>
        $"{From.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture)} and {To.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture)} UTC";
}
