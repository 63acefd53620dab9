using Spectre.Console;
using Trainyard.Data.Scanning;

namespace Trainyard.Data.Validation;

/// <summary>
/// Shows a long scan's progress: a percentage line every tenth of the file, only for files big enough to take a
/// while, so small runs stay quiet. Plain lines rather than a live bar: they read the same in a terminal and in a
/// CI log, and the scan reports from its worker threads.
/// </summary>
internal sealed class ScanProgressDisplay(IAnsiConsole console) : IProgress<ScanProgress>
{
    const long LargeFileBytes = 64L << 20;
    readonly System.Diagnostics.Stopwatch _clock = System.Diagnostics.Stopwatch.StartNew();
    int _lastTenth;

    public static IProgress<ScanProgress>? For(IAnsiConsole console, string path) => For(console, [path]);

    /// <summary>For data read from several files (data.path a folder or pattern): shown when together they are large.</summary>
    public static IProgress<ScanProgress>? For(IAnsiConsole console, IEnumerable<string> paths) =>
        paths.Where(File.Exists).Sum(p => new FileInfo(p).Length) >= LargeFileBytes ? new ScanProgressDisplay(console) : null;

    public void Report(ScanProgress value)
    {
        var tenth = (int)(value.Fraction * 10);
        if (tenth <= Volatile.Read(ref _lastTenth) || Interlocked.Exchange(ref _lastTenth, tenth) >= tenth) return;
        var elapsed = _clock.Elapsed.TotalSeconds;
        var left = value.Fraction > 0 ? elapsed / value.Fraction - elapsed : 0;
        console.WriteLine($"  {tenth * 10,3}%  {value.Rows:N0} rows  {value.BytesDone / 1048576.0:N0} of {value.TotalBytes / 1048576.0:N0} MiB  ~{left:N0}s left");
    }
}
