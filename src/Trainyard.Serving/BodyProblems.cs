using System.Buffers;
using System.Text;
using System.Text.Json;

namespace Trainyard.Serving;

/// <summary>
/// What is wrong with a request body, in the product's words: the parser's own message names its internals ("when
/// isFinalBlock is true", "LineNumber: 0 | BytePositionInLine: 0"), so the server says which character it did not
/// expect, at a 1-based line and column. Error paths only: they may copy and count.
/// </summary>
internal static class BodyProblems
{
    /// <summary>Only JSON is read: <c>application/json</c> or a <c>+json</c> type, with or without parameters. Allocation-free.</summary>
    public static bool IsJson(string contentType)
    {
        var media = contentType.AsSpan();
        var semicolon = media.IndexOf(';');
        if (semicolon >= 0) media = media[..semicolon];
        media = media.Trim();
        return media.Equals("application/json", StringComparison.OrdinalIgnoreCase)
            || (media.StartsWith("application/", StringComparison.OrdinalIgnoreCase) && media.EndsWith("+json", StringComparison.OrdinalIgnoreCase));
    }

    /// <summary>"the body is empty", "the body is not JSON: unexpected 'h' at line 1, column 1", or where it ended too soon.</summary>
    public static string NotJson(ReadOnlySequence<byte> body, JsonException error)
    {
        var bytes = body.ToArray();
        var content = bytes.AsSpan().TrimEnd(" \t\r\n"u8);
        if (content.IsEmpty) return "the body is empty";
        // Read again as if more could follow: no complaint then means the body was cut short, not malformed.
        if (EndsTooSoon(bytes))
            return $"the body is not JSON: it ends at {Where(bytes, content.Length - 1)} before the value is complete";
        if (error.LineNumber is not { } line || error.BytePositionInLine is not { } position) return "the body is not JSON";
        // The reader counts lines by '\n' from 0 and bytes within the line from 0.
        var offset = 0;
        for (var l = 0L; l < line && offset < bytes.Length; l++)
        {
            var next = bytes.AsSpan(offset).IndexOf((byte)'\n');
            offset = next < 0 ? bytes.Length : offset + next + 1;
        }
        offset = (int)Math.Min(offset + position, content.Length - 1);
        var where = Where(bytes, offset);
        if (Rune.DecodeFromUtf8(bytes.AsSpan(offset), out var rune, out _) != OperationStatus.Done) return $"the body is not JSON: byte 0x{bytes[offset]:X2} at {where} is not UTF-8";
        var shown = Rune.IsControl(rune) || Rune.IsWhiteSpace(rune) ? $"U+{rune.Value:X4}" : $"'{rune}'";
        return $"the body is not JSON: unexpected {shown} at {where}";
    }

    static bool EndsTooSoon(byte[] bytes)
    {
        var reader = new Utf8JsonReader(bytes, isFinalBlock: false, state: default);
        try
        {
            while (reader.Read()) { }
            return true;
        }
        catch (JsonException) { return false; }
    }

    /// <summary>The 1-based line and column (in characters) of the byte at <paramref name="offset"/>.</summary>
    static string Where(byte[] bytes, int offset)
    {
        var before = bytes.AsSpan(0, offset);
        var lineStart = before.LastIndexOf((byte)'\n') + 1;
        return $"line {before.Count((byte)'\n') + 1}, column {Encoding.UTF8.GetCharCount(before[lineStart..]) + 1}";
    }
}
