using System.Text;
using Trainyard.Data.Csv;
using Trainyard.Data.Scanning;

namespace Trainyard.Tests.Data.Scanning;

public class ScanRunTests
{
    [Fact]
    public async Task WithSeveralBadRowsAndManyWorkersTheFirstBadLineIsReported()
    {
        var text = new StringBuilder("a,b\n");
        for (var i = 2; i <= 3000; i++) text.Append(i is 500 or 2900 ? "1\n" : "1,2\n");
        using var file = new TemporaryCsv(text.ToString());
        for (var attempt = 0; attempt < 5; attempt++)
        {
            var error = await Assert.ThrowsAsync<DataFileException>(() =>
                Scan.FileAsync(file.Path, new ScanOptions { Workers = 4, ChunkBytes = 64 }));
            Assert.Equal(500, error.Line);
        }
    }

    [Fact]
    public async Task EachColumnGetsOneAccumulatorPerWorkerBuiltWithItsIndexAndName()
    {
        using var file = new TemporaryCsv("a,b\n1,2\n");
        var created = new List<(int, string)>();
        await DataScan.RunAsync(file.Path, CsvFormat.Default, (i, name) => { created.Add((i, name)); return new RecordingAccumulator(); },
            new ScanOptions { Workers = 2 });
        Assert.Equal([(0, "a"), (1, "b"), (0, "a"), (1, "b")], created);
    }

    [Fact]
    public async Task ProgressEndsAtTheWholeFileAndEveryRow()
    {
        using var file = new TemporaryCsv("a\n" + string.Concat(Enumerable.Range(0, 500).Select(i => $"{i}\n")));
        var reports = new List<ScanProgress>();
        var progress = new SynchronousProgress(p => { lock (reports) reports.Add(p); });
        var result = await DataScan.RunAsync(file.Path, CsvFormat.Default, (_, _) => new RecordingAccumulator(),
            new ScanOptions { Workers = 2, ChunkBytes = 100 }, progress);
        Assert.True(reports.Count > 5);
        Assert.Equal(new ScanProgress(new FileInfo(file.Path).Length, new FileInfo(file.Path).Length, 500), reports[^1]);
        Assert.Equal(500, result.RowCount);
    }

    [Fact]
    public async Task ACancelledScanThrowsOperationCancelled()
    {
        using var file = new TemporaryCsv("a\n1\n");
        using var cancellation = new CancellationTokenSource();
        cancellation.Cancel();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => DataScan.RunAsync(file.Path, CsvFormat.Default,
            (_, _) => new RecordingAccumulator(), null, null, cancellation.Token));
    }

    private sealed class SynchronousProgress(Action<ScanProgress> report) : IProgress<ScanProgress>
    {
        public void Report(ScanProgress value) => report(value);
    }
}
