using System.Buffers;
using System.Text;
using System.Text.Unicode;

namespace Trainyard.Data.Csv;

/// <summary>Rejects bytes that are not UTF-8, naming the line; the check is vectorized and runs once per chunk.</summary>
internal static class Utf8Validation
{
    public static void EnsureValid(ReadOnlySpan<byte> data, string file, long startLine)
    {
        if (Utf8.IsValid(data)) return;
        var offset = FirstInvalidByte(data);
        var line = startLine + data[..offset].Count((byte)'\n');
        throw new DataFileException(file, line, $"invalid UTF-8 (byte 0x{data[offset]:x2}); save the file as UTF-8");
    }

    private static int FirstInvalidByte(ReadOnlySpan<byte> data)
    {
        var offset = 0;
        while (offset < data.Length)
        {
            var status = Rune.DecodeFromUtf8(data[offset..], out _, out var consumed);
            if (status != OperationStatus.Done) return offset;
            offset += consumed;
        }
        return data.Length - 1;
    }
}
