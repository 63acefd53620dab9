namespace Trainyard.Data.Scanning;

/// <summary>How far a scan is: bytes tokenized out of the file's size, and records seen.</summary>
internal readonly record struct ScanProgress(long BytesDone, long TotalBytes, long Rows)
{
    public double Fraction => TotalBytes == 0 ? 1 : (double)BytesDone / TotalBytes;
}
