using System.Text;
using System.Text.RegularExpressions;

namespace Trainyard.Targets.Workflows;

/// <summary>
/// The little YAML a workflow needs: ordered maps, sequences, strings (quoted only where YAML would read them as
/// something else), whole numbers and an empty value. Written in block style, two spaces a level, so the files read
/// like hand-written ones and the same model always gives the same text.
/// </summary>
internal abstract record Yaml
{
    public static implicit operator Yaml(string text) => new YamlText(text);
    public static implicit operator Yaml(int number) => new YamlNumber(number);
}

internal sealed record YamlText(string Value) : Yaml;

internal sealed record YamlNumber(int Value) : Yaml;

internal sealed record YamlBool(bool Value) : Yaml;

/// <summary>A key with no value (<c>workflow_dispatch:</c>).</summary>
internal sealed record YamlEmpty : Yaml;

/// <summary>Lines written as a literal block (<c>path: |</c>), e.g. several paths for one action input.</summary>
internal sealed record YamlLines(IReadOnlyList<string> Lines) : Yaml;

internal sealed record YamlList(IReadOnlyList<Yaml> Items) : Yaml;

internal sealed record YamlMap : Yaml
{
    public List<(string Key, Yaml Value)> Entries { get; } = [];

    public YamlMap Add(string key, Yaml value) { Entries.Add((key, value)); return this; }

    /// <summary>Adds the entry only when there is a value, so optional settings leave no empty keys.</summary>
    public YamlMap AddIf(bool condition, string key, Func<Yaml> value) => condition ? Add(key, value()) : this;
}

internal static partial class YamlWriter
{
    public static string Write(YamlMap document)
    {
        var text = new StringBuilder();
        WriteMap(text, document, 0);
        return text.ToString();
    }

    private static void WriteMap(StringBuilder text, YamlMap map, int indent, bool firstInline = false)
    {
        var first = true;
        foreach (var (key, value) in map.Entries)
        {
            if (!(first && firstInline)) text.Append(' ', indent);
            first = false;
            text.Append(Key().IsMatch(key) ? key : Scalar(key)).Append(':');
            WriteValue(text, value, indent);
        }
    }

    private static void WriteValue(StringBuilder text, Yaml value, int indent)
    {
        switch (value)
        {
            case YamlMap { Entries.Count: 0 }: text.Append(" {}\n"); break;
            case YamlMap map: text.Append('\n'); WriteMap(text, map, indent + 2); break;
            case YamlList { Items.Count: 0 }: text.Append(" []\n"); break;
            case YamlList list:
                text.Append('\n');
                foreach (var item in list.Items)
                {
                    text.Append(' ', indent + 2).Append("- ");
                    if (item is YamlMap { Entries.Count: > 0 } itemMap) WriteMap(text, itemMap, indent + 4, firstInline: true);
                    else text.Append(Inline(item)).Append('\n');
                }
                break;
            case YamlEmpty: text.Append('\n'); break;
            case YamlLines lines:
                text.Append(" |\n");
                foreach (var line in lines.Lines) text.Append(' ', indent + 2).Append(line).Append('\n');
                break;
            default: text.Append(' ').Append(Inline(value)).Append('\n'); break;
        }
    }

    private static string Inline(Yaml value) => value switch
    {
        YamlText t => Scalar(t.Value),
        YamlNumber n => n.Value.ToString(System.Globalization.CultureInfo.InvariantCulture),
        YamlBool b => b.Value ? "true" : "false",
        _ => throw new InvalidOperationException($"{value.GetType().Name} cannot be written inline"),
    };

    /// <summary>Plain when YAML reads the text back as the same string; otherwise single-quoted.</summary>
    public static string Scalar(string value) =>
        Plain().IsMatch(value) && !value.Contains(": ") && !value.Contains(" #") && !Special().IsMatch(value)
            ? value
            : "'" + value.Replace("'", "''") + "'";

    // Not starting with an indicator or a space, one line without tabs: YAML reads the rest literally.
    [GeneratedRegex(@"^[^\s\-?:,\[\]{}#&*!|>'""%@`][^\t\r\n]*$")]
    private static partial Regex Plain();

    // Words and numbers YAML would read as booleans, null or numbers; a trailing colon or space.
    [GeneratedRegex(@"^(?i:true|false|yes|no|on|off|null|y|n|~)$|^[-+]?[0-9][0-9_.:eE+-]*$|[: ]$")]
    private static partial Regex Special();

    // Keys are names (on, runs-on, pull-requests): plain, even the ones YAML 1.1 would read as a boolean.
    [GeneratedRegex("^[A-Za-z0-9_-]+$")]
    private static partial Regex Key();
}
