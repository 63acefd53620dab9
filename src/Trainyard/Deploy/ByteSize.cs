using System.Globalization;

namespace Trainyard.Deploy;

/// <summary>Docker's memory sizes: <c>512m</c>, <c>1g</c>, <c>65536k</c>, or bytes.</summary>
internal static class ByteSize
{
    public static long? Parse(string? text)
    {
        if (string.IsNullOrWhiteSpace(text)) return null;
        var t = text.Trim().ToLowerInvariant();
        var (digits, scale) = t[^1] switch
        {
            'k' => (t[..^1], 1L << 10),
            'm' => (t[..^1], 1L << 20),
            'g' => (t[..^1], 1L << 30),
            'b' => (t[..^1], 1L),
            _ => (t, 1L),
        };
        return double.TryParse(digits, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) && value > 0
            ? (long)(value * scale)
            : throw new TrainyardException($"deploy.memory '{text}': expected a size such as 512m or 1g");
    }
}
