using System.Text;
using Trainyard.Data.Scanning;

namespace Trainyard.Tests.Data.Scanning;

/// <summary>
/// A plain record stored in one go (<see cref="RecordBatch.TryPlainFields"/>) against the same record stored field by
/// field (<see cref="RecordBatch.Field"/>, the independent implementation): the batch's columns must be identical.
/// </summary>
public class RecordBatchTests
{
    private const int Columns = 3;

    // The chunk sits at offset 4 of its buffer and the tokenizer's data starts 2 bytes into it, as after a resume.
    private static readonly byte[] Buffer = Encoding.UTF8.GetBytes("####xxab,,c\n,x,\n1,22,333\n");
    private static readonly ScanChunk Chunk = new(Buffer, 4, Buffer.Length - 4, 1, 0);

    // Each record's start and field ends in the data (Chunk.Span[2..]), worked out by hand from the text above.
    private static readonly (int Start, int[] Ends)[] Records = [(0, [2, 3, 5]), (6, [6, 8, 9]), (10, [11, 14, 18])];

    [Fact]
    public void APlainRecordIsStoredAsFieldByField()
    {
        var data = Chunk.Span[2..];
        var byField = new RecordBatch(Columns, 8);
        var inOneGo = new RecordBatch(Columns, 8);
        byField.Start(Chunk);
        inOneGo.Start(Chunk);
        for (var r = 0; r < Records.Length; r++)
        {
            var (start, ends) = Records[r];
            var at = start;
            for (var k = 0; k < ends.Length; k++)
            {
                byField.Field(k, data[at..ends[k]]);
                at = ends[k] + 1;
            }
            Assert.True(inOneGo.TryPlainFields(data, ends, start));
            byField.EndRecord(r + 1);
            inOneGo.EndRecord(r + 1);
        }

        string[][] expected = [["ab", "", "1"], ["", "x", "22"], ["c", "", "333"]]; // [column][record]
        for (var column = 0; column < Columns; column++)
        {
            var a = byField.Column(column);
            var b = inOneGo.Column(column);
            Assert.Equal(a.Starts.ToArray(), b.Starts.ToArray());
            Assert.Equal(a.Lengths.ToArray(), b.Lengths.ToArray());
            for (var r = 0; r < Records.Length; r++) Assert.Equal(expected[column][r], Encoding.UTF8.GetString(b[r]));
        }
    }

    [Fact]
    public void DataOutsideTheChunkOrTooManyFieldsAreLeftToFieldByField()
    {
        var batch = new RecordBatch(Columns, 8);
        batch.Start(Chunk);
        var elsewhere = Encoding.UTF8.GetBytes("ab,,c\n");
        Assert.False(batch.TryPlainFields(elsewhere, [2, 3, 5], 0));
        Assert.False(batch.TryPlainFields(Chunk.Span, [1, 2, 3, 4], 0));
        Assert.Equal(0, batch.Count);
    }
}
