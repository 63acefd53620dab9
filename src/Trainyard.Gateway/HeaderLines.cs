using System.Text;

namespace Trainyard.Gateway;

/// <summary>
/// The header lines of a connection's recent answers, each with its name and value as strings. A model server sends
/// nearly the same head every time (only its Date, once a second, and its request id change), so a repeated line
/// makes no new strings: they were a third of the gateway's allocation per request, and how much it allocates sets
/// how often the garbage collector stops every request in flight (docs/benchmarks.md, "Canary gateway"). A line with
/// a name already kept takes that name's place, so a header whose value changes every time takes one place only.
/// </summary>
internal sealed class HeaderLines
{
    const int Capacity = 16;
    readonly byte[]?[] _lines = new byte[Capacity][];
    readonly string[] _names = new string[Capacity];
    readonly string[] _values = new string[Capacity];
    int _next; // the place taken next when all are full and the name is new

    /// <summary>The line's name and value (without the spaces around it); InvalidDataException when it has no name.</summary>
    public (string Name, string Value) Parse(ReadOnlySpan<byte> line)
    {
        var colon = line.IndexOf((byte)':');
        if (colon <= 0) throw new InvalidDataException($"not a header line: '{Encoding.Latin1.GetString(line)}'");
        var name = line[..colon];
        int place = -1, free = Capacity;
        for (var i = 0; i < Capacity; i++)
        {
            if (_lines[i] is not { } kept)
            {
                free = i;
                break;
            }
            if (kept.AsSpan().SequenceEqual(line)) return (_names[i], _values[i]);
            if (place < 0 && kept.Length > colon && kept[colon] == (byte)':' && kept.AsSpan(0, colon).SequenceEqual(name)) place = i;
        }
        var sameName = place >= 0;
        if (!sameName)
        {
            place = free < Capacity ? free : _next;
            if (free == Capacity) _next = (_next + 1) % Capacity;
        }
        // Latin-1, as Kestrel decodes header bytes, so they go out as they came in; only spaces and tabs around a value (RFC 9110 5.5).
        _names[place] = sameName ? _names[place] : Encoding.Latin1.GetString(name);
        _values[place] = Encoding.Latin1.GetString(line[(colon + 1)..].Trim(" \t"u8));
        if (_lines[place] is { } old && old.Length == line.Length) line.CopyTo(old);
        else _lines[place] = line.ToArray();
        return (_names[place], _values[place]);
    }
}
