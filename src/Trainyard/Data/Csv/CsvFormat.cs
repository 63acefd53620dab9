namespace Trainyard.Data.Csv;

/// <summary>
/// How a delimited text file is written. The first record is always the header; the file is UTF-8 (a BOM is
/// skipped); records end with LF or CRLF; fields may be quoted with <see cref="Quote"/> and a quote inside a quoted
/// field is written twice (RFC 4180).
/// </summary>
internal sealed record CsvFormat(byte Delimiter = (byte)',', byte Quote = (byte)'"')
{
    public static CsvFormat Default { get; } = new();

    /// <summary>Tab-separated values, quoted the same way.</summary>
    public static CsvFormat Tsv { get; } = new((byte)'\t');

    /// <summary>Rejects formats the tokenizer cannot tell apart from record structure.</summary>
    public void EnsureValid()
    {
        if (Delimiter is (byte)'\n' or (byte)'\r' || Quote is (byte)'\n' or (byte)'\r' || Delimiter == Quote || Delimiter >= 0x80 || Quote >= 0x80)
            throw new TrainyardException(
                $"invalid CSV format: delimiter 0x{Delimiter:x2} and quote 0x{Quote:x2} must be distinct ASCII characters other than CR and LF");
    }
}
