using System.Runtime.Intrinsics;
using System.Security.Cryptography;
using System.Text;
using Trainyard.Data;
using Trainyard.Data.Profiling;

namespace Trainyard.Benchmarks;

/// <summary>
/// The scan's numeric batches alone, on one thread: the synthetic file's first megabytes in memory, cut into batches
/// of records stored column by column as the scan's <c>RecordBatch</c> does, then each declared numeric column's
/// <see cref="ColumnAccumulator.AddBatch"/> (field hash, parse, range rule, distinct counts, moments, sketch).
/// Reports the thread's CPU time, best of several passes (stable within a few % even on a busy machine), and the hash and
/// the parse alone over the same fields (through a delegate: for comparing forms, not the batch's own cost).
/// </summary>
internal static class NumbersCommand
{
    private const int BatchRecords = 256;

    private sealed record Batch(int[] Starts, int[] Lengths, long[] Lines, int Count);

    public static int Run(string path, int megabytes, int passes)
    {
        var chunk = ReadWholeLines(path, megabytes << 20);
        var batches = Tokenize(chunk, out var fields);
        Console.WriteLine($"{fields:N0} numeric fields in {batches.Count * BatchRecords:N0} records ({chunk.Length >> 20} MB); best of {passes} passes, thread CPU ms");

        var schemas = Enumerable.Range(0, SyntheticCsv.NumericColumns)
            .Select(i => new ColumnSchema { Name = $"num{i:00}", Type = ColumnType.Numeric, Min = -1e12, Max = 1e12 }).ToArray();
        string? profile = null;
        Report("AddBatch (numeric columns)", passes, fields, () =>
        {
            var columns = schemas.Select(s => new ColumnAccumulator(s.Name, s, ProfileOptions.Default)).ToArray();
            foreach (var batch in batches)
                for (var c = 0; c < columns.Length; c++)
                    columns[c].AddBatch(new ColumnFields(chunk, [], batch.Starts.AsSpan(c * BatchRecords, batch.Count),
                        batch.Lengths.AsSpan(c * BatchRecords, batch.Count), batch.Lines.AsSpan(0, batch.Count)));
            profile ??= string.Join("\n", columns.Select(c => ProfileJson.Serialize(c.ToProfile())));
            return columns.Length;
        });
        // The same for every build that computes the same profiles (created_at is not in a column's profile).
        Console.WriteLine($"profiles' SHA-256: {Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(profile!)))[..16]}");

        Report("FieldHash.Of (byte by byte)", passes, fields, () => Sum(batches, chunk, (field, _) => (double)FieldHash.Of(field)));
        Report("FieldHash.OfShort (16 bytes loaded)", passes, fields, () => Sum(batches, chunk, (field, padded) => (double)FieldHash.OfShort(padded, field.Length)));
        Report("FieldParser.TryParseNumber", passes, fields, () => Sum(batches, chunk, (field, _) => FieldParser.TryParseNumber(field, out var v) ? v : 0));
        return 0;
    }

    private delegate double FieldWork(ReadOnlySpan<byte> field, Vector128<byte> padded);

    /// <summary>Every non-empty field of the batches in the scan's order (column by column per batch); fields without 16 bytes after them are skipped.</summary>
    private static double Sum(List<Batch> batches, byte[] chunk, FieldWork work)
    {
        var sum = 0.0;
        foreach (var batch in batches)
            for (var c = 0; c < SyntheticCsv.NumericColumns; c++)
                for (var i = 0; i < batch.Count; i++)
                {
                    var (start, length) = (batch.Starts[c * BatchRecords + i], batch.Lengths[c * BatchRecords + i]);
                    if (length == 0 || length > 16 || start > chunk.Length - 16) continue;
                    sum += work(chunk.AsSpan(start, length), Vector128.Create(chunk.AsSpan(start, 16)));
                }
        return sum;
    }

    private static void Report(string name, int passes, long fields, Func<double> pass)
    {
        var best = long.MaxValue;
        for (var i = 0; i < passes; i++)
        {
            var cpu = ProcessCpu.ThreadNanoseconds();
            GC.KeepAlive(pass());
            best = Math.Min(best, ProcessCpu.ThreadNanoseconds() - cpu);
        }
        Console.WriteLine($"| {name} | {best / 1e6:F1} ms | {(double)best / fields:F2} ns per field |");
    }

    private static byte[] ReadWholeLines(string path, int bytes)
    {
        using var file = File.OpenRead(path);
        var buffer = new byte[Math.Min(bytes, file.Length)];
        file.ReadExactly(buffer);
        return buffer.AsSpan(0, buffer.AsSpan().LastIndexOf((byte)'\n') + 1).ToArray();
    }

    /// <summary>The numeric columns' field offsets (the synthetic file has no quotes), header skipped.</summary>
    private static List<Batch> Tokenize(byte[] chunk, out long fields)
    {
        var batches = new List<Batch>();
        fields = 0;
        var at = Array.IndexOf(chunk, (byte)'\n') + 1;
        long line = 2;
        while (at < chunk.Length)
        {
            var batch = new Batch(new int[SyntheticCsv.NumericColumns * BatchRecords], new int[SyntheticCsv.NumericColumns * BatchRecords], new long[BatchRecords], 0);
            var count = 0;
            for (; count < BatchRecords && at < chunk.Length; count++)
            {
                batch.Lines[count] = line++;
                for (var c = 0; c < SyntheticCsv.NumericColumns; c++)
                {
                    var end = at;
                    while (chunk[end] != (byte)',' && chunk[end] != (byte)'\n') end++;
                    (batch.Starts[c * BatchRecords + count], batch.Lengths[c * BatchRecords + count]) = (at, end - at);
                    if (end > at) fields++;
                    at = end + 1;
                }
                at = Array.IndexOf(chunk, (byte)'\n', at - 1) + 1;
            }
            if (count < BatchRecords) break; // whole batches only, as every pass's sizes
            batches.Add(batch with { Count = count });
        }
        return batches;
    }
}
