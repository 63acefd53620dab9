namespace Trainyard.Data.Scanning;

/// <summary>Bytes and rows done across workers, reported as <see cref="ScanProgress"/> after each chunk.</summary>
internal sealed class ScanCounters(long totalBytes, long headerBytes, IProgress<ScanProgress>? progress)
{
    private long _bytes = headerBytes;
    private long _rows;

    public void ChunkDone(long bytes, long rows)
    {
        var doneBytes = Interlocked.Add(ref _bytes, bytes);
        var doneRows = Interlocked.Add(ref _rows, rows);
        progress?.Report(new ScanProgress(Math.Min(doneBytes, totalBytes), totalBytes, doneRows));
    }

    /// <summary>Always ends on 100%, even when a BOM or a short file made the byte sums fall short.</summary>
    public void ReportFinal() => progress?.Report(new ScanProgress(totalBytes, totalBytes, Interlocked.Read(ref _rows)));
}
