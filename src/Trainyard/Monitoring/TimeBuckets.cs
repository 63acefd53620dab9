namespace Trainyard.Monitoring;

/// <summary>
/// How Monitor splits its window over time: hourly buckets for a window of up to 48 hours, daily up to 120 days, weekly beyond, each
/// starting at the window's start (the last one ends with the window). A bucket holds what the window holds, in
/// bounded sketches, so memory grows with the window's length in buckets, never with the log.
/// </summary>
internal static class TimeBuckets
{
    // Weekly beyond 120 days, so a year's window holds 53 buckets of profiles, not 365.
    public static TimeSpan WidthOf(LogWindow window) =>
        window.Length <= TimeSpan.FromHours(48) ? TimeSpan.FromHours(1) : window.Length <= TimeSpan.FromDays(120) ? TimeSpan.FromDays(1) : TimeSpan.FromDays(7);

    /// <summary>The bucket a time inside the window falls in, 0 first.</summary>
    public static int IndexOf(LogWindow window, DateTimeOffset time)
    {
        var width = WidthOf(window);
        var last = (int)((window.Length.Ticks - 1) / width.Ticks);
        return (int)Math.Clamp((time - window.From).Ticks / width.Ticks, 0, Math.Max(last, 0));
    }

    /// <summary>Bucket <paramref name="index"/>'s span, [from, to).</summary>
    public static (DateTimeOffset From, DateTimeOffset To) Span(LogWindow window, int index)
    {
        var width = WidthOf(window);
        var from = window.From + width * index;
        var to = from + width;
        return (from, to < window.To ? to : window.To);
    }
}
