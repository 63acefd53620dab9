namespace Trainyard.Data.Scanning;

/// <summary>
/// Whole records from the file: <see cref="Buffer"/>[Offset..Offset+Length] (a pooled array the consumer returns),
/// starting on physical line <see cref="StartLine"/>. <see cref="Index"/> orders chunks as they appear in the file
/// (across files, when several are read as one table); <see cref="File"/> is the file's position in that list.
/// </summary>
internal sealed record ScanChunk(byte[] Buffer, int Offset, int Length, long StartLine, int Index)
{
    public int File { get; init; }

    public ReadOnlySpan<byte> Span => Buffer.AsSpan(Offset, Length);
}
