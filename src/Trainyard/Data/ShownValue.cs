using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace Trainyard.Data;

/// <summary>
/// How a data value is kept and shown wherever people read it (console, validation.json, profile.json, report,
/// comment): cut to <see cref="MaxCharacters"/> with its full length stated, so one huge field cannot flood a log,
/// a file or memory; and, when shown in text, quoted with line breaks and tabs escaped so it never splits a table
/// cell. The one home of that rule.
/// </summary>
internal static partial class ShownValue
{
    /// <summary>Characters of a value kept before it is cut.</summary>
    public const int MaxCharacters = 100;

    /// <summary>UTF-8 bytes that surely hold no more than <see cref="MaxCharacters"/> characters' worth of cutting.</summary>
    public const int MaxBytes = MaxCharacters * 4;

    /// <summary>The value as kept in profiles and tallies: as is, or cut: <c>xxxx… (10,000,000 characters)</c>. Cutting twice changes nothing.</summary>
    public static string Cut(string value) =>
        value.Length <= MaxCharacters || CutForm().IsMatch(value) ? value : value[..MaxCharacters] + "… " + LengthNote(value.Length);

    /// <summary>A UTF-8 field as <see cref="Cut(string)"/> keeps it, decoding no more of a huge field than is kept.</summary>
    public static string Cut(ReadOnlySpan<byte> utf8)
    {
        // At most 4 bytes per character: a bounded prefix holds every character that is kept.
        var prefixBytes = MaxBytes;
        if (utf8.Length <= prefixBytes) return Cut(Encoding.UTF8.GetString(utf8));
        var length = Encoding.UTF8.GetCharCount(utf8);
        var prefix = Encoding.UTF8.GetString(utf8[..prefixBytes]);
        return length <= MaxCharacters ? Encoding.UTF8.GetString(utf8) : prefix[..MaxCharacters] + "… " + LengthNote(length);
    }

    /// <summary>The value quoted for text, cut and escaped: <c>'a\nb'</c>, or <c>'xxxx…' (10,000,000 characters)</c>.</summary>
    public static string Quoted(string value)
    {
        // A value cut earlier (in a profile or tally) keeps its length note outside the quotes.
        if (value.Length > MaxCharacters && CutForm().Match(value) is { Success: true } cut)
            return $"'{Escape(cut.Groups[1].Value)}…' ({cut.Groups[2].Value} characters)";
        return value.Length > MaxCharacters
            ? $"'{Escape(value[..MaxCharacters])}…' {LengthNote(value.Length)}"
            : $"'{Escape(value)}'";
    }

    static string LengthNote(int length) => $"({length.ToString("N0", CultureInfo.InvariantCulture)} characters)";

    static string Escape(string value) =>
        value.AsSpan().IndexOfAny('\n', '\r', '\t') < 0 ? value
            : value.Replace("\r", "\\r").Replace("\n", "\\n").Replace("\t", "\\t");

    [GeneratedRegex(@"^(.{100})… \(([\d,]+) characters\)$", RegexOptions.Singleline)]
    private static partial Regex CutForm();
}
