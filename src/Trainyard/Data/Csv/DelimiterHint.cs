namespace Trainyard.Data.Csv;

/// <summary>
/// Recognises a file written with another delimiter than the configured one: when its header line splits into more
/// columns on ';' or a tab, a CSV syntax error is really a setting to change, and the message says which.
/// </summary>
internal static class DelimiterHint
{
    static readonly byte[] Others = [(byte)';', (byte)'\t', (byte)',', (byte)'|'];

    /// <summary>"; the header splits into 14 columns on ';' but 1 on ',': set data.delimiter: ";" in the spec", or null.</summary>
    public static string? For(ReadOnlySpan<byte> data, CsvFormat format)
    {
        var end = data.IndexOf((byte)'\n');
        var header = end < 0 ? data : data[..end];
        var configured = Columns(header, format.Delimiter, format.Quote);
        (byte Delimiter, int Columns) best = (0, 0);
        foreach (var other in Others)
            if (other != format.Delimiter && Columns(header, other, format.Quote) is var columns && columns > best.Columns)
                best = (other, columns);
        if (best.Columns <= configured || best.Columns < 2) return null;
        var name = best.Delimiter == (byte)'\t' ? "\\t" : ((char)best.Delimiter).ToString();
        return $"the header splits into {best.Columns} columns on '{name}' but {configured} on '{Shown(format.Delimiter)}': "
            + $"set data.delimiter: \"{name}\" in the pipeline spec";
    }

    static string Shown(byte delimiter) => delimiter == (byte)'\t' ? "\\t" : ((char)delimiter).ToString();

    static int Columns(ReadOnlySpan<byte> header, byte delimiter, byte quote)
    {
        var columns = 1;
        var quoted = false;
        foreach (var b in header)
        {
            if (b == quote) quoted = !quoted;
            else if (b == delimiter && !quoted) columns++;
        }
        return columns;
    }
}
