namespace Trainyard.Runtime.Features;

/// <summary>
/// Turns input values into the float32 feature vector the model was trained on, by a <see cref="FeaturizerDefinition"/>.
/// Immutable and thread-safe: the model server shares one across requests. Feature order: the columns in definition
/// order, one slot each, or one slot per category for a one-hot column (<see cref="FeatureNames"/>).
/// <para>One-hot rather than XGBoost's native categorical splits: native support is experimental in XGBoost 1.7
/// (hist/approx only, partition splits the JSON model stores in extra arrays), while one-hot keeps every split a
/// plain numeric threshold that the managed scorer evaluates like any other and whose meaning a person can read
/// (<c>Home=rent &lt; 0.5</c>). The categories here are a few dozen at most, so the width stays small.</para>
/// </summary>
public sealed partial class Featurizer
{
    private readonly int[] _offsets;
    private readonly int[] _widths; // read for every column of every request (featurizing, drift): an array, not the definition's lists
    private readonly Dictionary<string, int>[] _slots; // per column: category → slot within the column; empty unless one-hot
    private readonly Dictionary<string, int>.AlternateLookup<ReadOnlySpan<char>>[] _slotLookups;
    private readonly byte[][] _utf8Names; // the columns' names as a JSON row's property names are compared
    private readonly byte[][]?[] _utf8Categories; // the server's fast path: see Featurizer.Reader

    public Featurizer(FeaturizerDefinition definition)
    {
        FeaturizerValidation.Check(definition);
        Definition = definition;
        var columns = definition.Columns;
        _offsets = new int[columns.Count];
        _widths = new int[columns.Count];
        _slots = new Dictionary<string, int>[columns.Count];
        _slotLookups = new Dictionary<string, int>.AlternateLookup<ReadOnlySpan<char>>[columns.Count];
        var names = new List<string>();
        for (var c = 0; c < columns.Count; c++)
        {
            _offsets[c] = names.Count;
            _slots[c] = new Dictionary<string, int>(StringComparer.Ordinal);
            if (columns[c].Encoding == FeatureEncoding.OneHot)
            {
                var categories = columns[c].Categories!;
                for (var k = 0; k < categories.Count; k++)
                {
                    _slots[c][categories[k]] = k;
                    names.Add($"{columns[c].Name}={categories[k]}");
                }
            }
            else names.Add(columns[c].Name);
            _widths[c] = names.Count - _offsets[c];
            _slotLookups[c] = _slots[c].GetAlternateLookup<ReadOnlySpan<char>>();
        }
        FeatureNames = names;
        _utf8Names = [.. columns.Select(c => System.Text.Encoding.UTF8.GetBytes(c.Name))];
        _utf8Categories = Utf8Categories(columns);
    }

    public FeaturizerDefinition Definition { get; }

    /// <summary>Readable and stable: the column name, or <c>Column=category</c> for a one-hot slot.</summary>
    public IReadOnlyList<string> FeatureNames { get; }

    public int FeatureCount => FeatureNames.Count;

    public IReadOnlyList<FeatureColumn> Columns => Definition.Columns;

    /// <summary>Index of the first feature of column <paramref name="column"/> (by definition order).</summary>
    public int OffsetOf(int column) => _offsets[column];

    /// <summary>Width of a column's features: its category count for one-hot, otherwise 1.</summary>
    public int WidthOf(int column) => _widths[column];

    /// <summary>The slot of <paramref name="category"/> within a one-hot column, or -1 when training never saw it.</summary>
    public int SlotOf(int column, ReadOnlySpan<char> category) => _slotLookups[column].TryGetValue(category, out var slot) ? slot : -1;

    public int IndexOf(string column)
    {
        for (var c = 0; c < Columns.Count; c++) if (Columns[c].Name == column) return c;
        return -1;
    }
}
