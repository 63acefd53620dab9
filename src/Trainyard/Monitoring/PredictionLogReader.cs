using System.Buffers;
using System.Text.RegularExpressions;
using Trainyard.Data.Scanning;

namespace Trainyard.Monitoring;

/// <summary>
/// Streams a folder of prediction logs (<c>x.jsonl</c>, rotated <c>x.jsonl.1</c>, <c>x.jsonl.2</c> …) line by line
/// and hands each request in the window to a callback. Memory is one read buffer (grown only for a longer line), so it
/// does not grow with the log. A line that does not parse — torn by a killed server, or corrupt — is skipped and
/// counted, never fatal.
/// </summary>
internal sealed partial class PredictionLogReader(LogWindow window)
{
    const int BufferBytes = 1 << 20;

    /// <summary>Requests in the window.</summary>
    public long Requests { get; private set; }

    /// <summary>Lines that were not whole log records.</summary>
    public long Skipped { get; private set; }

    /// <summary>Records outside the window (a line whose leading time is outside is not read further).</summary>
    public long Outside { get; private set; }

    /// <summary>The log files of a folder, each rotation set oldest first (<c>x.jsonl.2</c>, <c>x.jsonl.1</c>, <c>x.jsonl</c>).</summary>
    public static IReadOnlyList<string> FilesOf(string folder)
    {
        if (!Directory.Exists(folder)) return [];
        return [.. Directory.EnumerateFiles(folder)
            .Select(path => (Path: path, Match: LogName().Match(Path.GetFileName(path))))
            .Where(f => f.Match.Success)
            .OrderBy(f => f.Match.Groups["base"].Value, StringComparer.Ordinal)
            .ThenByDescending(f => f.Match.Groups["n"].Success ? int.Parse(f.Match.Groups["n"].Value, System.Globalization.CultureInfo.InvariantCulture) : 0)
            .Select(f => f.Path)];
    }

    /// <param name="each">Gets each request in the window; it may await (to load a version's reference), and must keep nothing of the request.</param>
    /// <param name="progress">Bytes read so far, after each buffer.</param>
    public async Task ReadAsync(IReadOnlyList<string> files, Func<LoggedRequest, ValueTask> each, IProgress<ScanProgress>? progress, CancellationToken cancellationToken)
    {
        var total = files.Sum(f => new FileInfo(f).Length);
        var buffer = ArrayPool<byte>.Shared.Rent(BufferBytes);
        using var parsed = new LoggedLine();
        long read = 0;
        try
        {
            foreach (var file in files)
            {
                await using var stream = new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete, 1, FileOptions.SequentialScan | FileOptions.Asynchronous);
                var held = 0; // bytes of an unfinished line at the buffer's start
                while (true)
                {
                    if (held == buffer.Length) buffer = Grow(buffer, held);
                    var n = await stream.ReadAsync(buffer.AsMemory(held), cancellationToken);
                    if (n == 0) break;
                    read += n;
                    var end = held + n;
                    var start = 0;
                    int newline;
                    while ((newline = buffer.AsSpan(start, end - start).IndexOf((byte)'\n')) >= 0)
                    {
                        await LineAsync(parsed, buffer.AsMemory(start, newline), each);
                        start += newline + 1;
                    }
                    held = end - start;
                    buffer.AsSpan(start, held).CopyTo(buffer);
                    progress?.Report(new ScanProgress(Math.Min(read, total), total, Requests));
                }
                // A last line without its newline was cut short (the server died mid-write): never a whole record.
                if (buffer.AsSpan(0, held).Trim((byte)' ').Length > 0) Skipped++;
            }
        }
        finally { ArrayPool<byte>.Shared.Return(buffer); }
    }

    static byte[] Grow(byte[] buffer, int held)
    {
        var bigger = ArrayPool<byte>.Shared.Rent(buffer.Length * 2);
        buffer.AsSpan(0, held).CopyTo(bigger);
        ArrayPool<byte>.Shared.Return(buffer);
        return bigger;
    }

    async ValueTask LineAsync(LoggedLine parsed, ReadOnlyMemory<byte> line, Func<LoggedRequest, ValueTask> each)
    {
        if (line.Span.TrimEnd((byte)'\r').IsEmpty) return;
        if (parsed.Read(line, window, out var outside) is not { } request)
        {
            if (outside) Outside++;
            else Skipped++;
            return;
        }
        if (!window.Contains(request.Time)) { Outside++; return; }
        Requests++;
        await each(request);
    }

    [GeneratedRegex(@"^(?<base>.+\.jsonl)(\.(?<n>[0-9]{1,6}))?$")]
    private static partial Regex LogName();
}
