using YamlDotNet.RepresentationModel;

namespace Trainyard.Pipelines;

/// <summary>
/// One YAML mapping of a spec file with the keys allowed in it. Unknown keys fail when the section is opened;
/// typed getters fail with the value's line and column and a message in the file's own terms (never C# types).
/// </summary>
internal sealed class YamlSection
{
    // Entries are objects, not (key, value) tuples: a dictionary of a value type is generic code only the JIT can make,
    // compiled again in every process that reads a pipeline or a schema.
    private readonly Dictionary<string, Entry> entries;
    private readonly SourceLocation start;

    private YamlSection(string file, string? name, SourceLocation start, Dictionary<string, Entry> entries)
    {
        File = file;
        Name = name;
        this.start = start;
        this.entries = entries;
    }

    public string File { get; }

    /// <summary>Dotted path of this mapping ("drift.columns.Income"); null at the top level.</summary>
    public string? Name { get; }

    /// <summary>The top level of a file with no document in it: every required key is then reported missing.</summary>
    public static YamlSection Empty(string file) => new(file, null, new SourceLocation(file, 1, 1), []);

    /// <summary>Opens <paramref name="node"/> as a mapping whose keys must all be in <paramref name="allowedKeys"/>.</summary>
    /// <param name="ignoreUnknownKeys">For a first look at one key (the format version) before the full check.</param>
    public static YamlSection Of(YamlNode node, string file, string? name, IReadOnlyList<string> allowedKeys, bool ignoreUnknownKeys = false)
    {
        var where = name is null ? "the top level" : $"'{name}'";
        if (node is not YamlMappingNode mapping)
        {
            var keys = allowedKeys.Count > 0 ? $" ({string.Join(", ", allowedKeys)})" : "";
            throw new TrainyardException($"{where} expects a mapping of keys{keys}, got {Kind(node)}", LocationOf(file, node));
        }

        var entries = new Dictionary<string, Entry>(StringComparer.Ordinal);
        foreach (var (key, value) in mapping.Children)
        {
            var text = (key as YamlScalarNode)?.Value ?? "";
            if (!allowedKeys.Contains(text) && !ignoreUnknownKeys)
                throw new TrainyardException(
                    $"unknown key '{text}' {(name is null ? "at the top level" : $"in {where}")}; {Quote.DidYouMean(text, allowedKeys)}allowed keys here: {string.Join(", ", allowedKeys)}",
                    LocationOf(file, key));
            entries[text] = new Entry(key, value);
        }
        return new YamlSection(file, name, LocationOf(file, node), entries);
    }

    public static SourceLocation LocationOf(string file, YamlNode node) => new(file, (int)node.Start.Line, (int)node.Start.Column);

    public SourceLocation Start => start;

    public bool Has(string key) => entries.ContainsKey(key) && !IsNull(entries[key].Value);

    /// <summary>The value node of <paramref name="key"/>, or null when the key is absent or its value is null (~).</summary>
    public YamlNode? Node(string key) => entries.TryGetValue(key, out var entry) && !IsNull(entry.Value) ? entry.Value : null;

    public SourceLocation LocationOf(string key) =>
        entries.TryGetValue(key, out var entry) ? LocationOf(File, entry.Value) : start;

    /// <summary>Where the key itself is written (a problem with a name rather than with its value).</summary>
    public SourceLocation KeyLocationOf(string key) =>
        entries.TryGetValue(key, out var entry) ? LocationOf(File, entry.Key) : start;

    public TrainyardException Error(string key, string message) => new(message, LocationOf(key));

    public TrainyardException Missing(string key, string meaning)
    {
        var where = Name is null ? "at the top level" : $"in '{Name}' (the mapping that starts at line {start.Line})";
        return new TrainyardException($"missing required key '{key}' {where}: {meaning}", start);
    }

    /// <summary>The key's value as a nested section with its own allowed keys; null when the key is absent.</summary>
    public YamlSection? Section(string key, IReadOnlyList<string> allowedKeys) =>
        Node(key) is { } node ? Of(node, File, Name is null ? key : $"{Name}.{key}", allowedKeys) : null;

    /// <summary>All keys, for mappings whose keys are the user's own (column names).</summary>
    public IEnumerable<string> Keys => entries.Keys;

    internal static bool IsNull(YamlNode node) =>
        node is YamlScalarNode { Style: YamlDotNet.Core.ScalarStyle.Plain or YamlDotNet.Core.ScalarStyle.Any } scalar
        && scalar.Value is null or "" or "~" or "null" or "Null" or "NULL";

    internal static string Kind(YamlNode node) => node switch
    {
        YamlMappingNode => "a mapping",
        YamlSequenceNode => "a list",
        YamlScalarNode s => $"'{s.Value}'",
        _ => "something else",
    };

    private sealed record Entry(YamlNode Key, YamlNode Value);
}
