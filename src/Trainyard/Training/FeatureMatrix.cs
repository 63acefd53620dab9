using Trainyard.Data;
using Trainyard.Data.Table;
using Trainyard.Pipelines;
using Trainyard.Runtime.Features;

namespace Trainyard.Training;

/// <summary>
/// The build side of the featurizer: fitted on a table's training rows, it writes dense row-major float32 matrices
/// (what XGBoost's DMatrix and the managed scorer take) and label vectors for any rows — train, validation, test —
/// column by column and in parallel chunks of rows, with the same encoding the model server applies to one row.
/// </summary>
internal sealed partial class FeatureMatrix
{
    private const int ChunkRows = 16_384; // rows per parallel task
    private const int BlockRows = 256;    // rows written column by column together
    private readonly DataTable _table;
    private readonly DataColumn[] _columns; // in featurizer column order
    private readonly DataColumn _label;
    private readonly int[][] _slotsOfCodes; // per categorical column: table code → one-hot slot (-1 unseen)

    private FeatureMatrix(DataTable table, Featurizer featurizer, DataColumn label, PipelineTask task)
    {
        _table = table;
        Featurizer = featurizer;
        Task = task;
        _label = label;
        _columns = featurizer.Columns.Select(c => table[c.Name]).ToArray();
        _slotsOfCodes = _columns.Select((column, c) => column is CategoricalColumn categorical ? featurizer.SlotsOfCodes(c, categorical.Categories) : []).ToArray();
    }

    public Featurizer Featurizer { get; }
    public PipelineTask Task { get; }

    /// <summary>Features per row.</summary>
    public int Width => Featurizer.FeatureCount;

    /// <summary>
    /// Fits on <paramref name="trainRows"/>: numeric columns as they are, booleans as 0/1, categorical columns one-hot
    /// over the categories present in the training rows (in the table's order: the schema's, then first seen).
    /// <paramref name="features"/> null means every numeric, boolean and categorical column but the label; datetime
    /// and text columns are not features (see <see cref="FeaturizerDefinition"/>), so naming one is an error.
    /// The classes come from the whole label column, so a class missing from the training rows still has an index;
    /// for a binary task the positive class is second (XGBoost's label 1).
    /// </summary>
    public static FeatureMatrix Fit(DataTable table, ReadOnlySpan<int> trainRows, IReadOnlyList<string>? features,
        string label, PipelineTask task, string? positiveClass = null)
    {
        var labelColumn = table[label];
        var names = features ?? table.Columns
            .Where(c => c.Name != label && c.Type is ColumnType.Numeric or ColumnType.Boolean or ColumnType.Categorical)
            .Select(c => c.Name).ToList();
        var columns = new List<FeatureColumn>(names.Count);
        foreach (var name in names)
        {
            if (name == label) throw new TrainyardException($"the label '{label}' cannot also be a feature; remove it from the features");
            columns.Add(FitColumn(table[name], trainRows, table.Path));
        }
        var definition = new FeaturizerDefinition
        {
            Columns = columns,
            Label = new LabelDefinition { Name = label, Classes = Classes(labelColumn, task, positiveClass, table.Path) },
        };
        return new FeatureMatrix(table, new Featurizer(definition), labelColumn, task);
    }

    /// <summary>
    /// A matrix over <paramref name="table"/> with a featurizer already fitted (read back from featurizer.json), so
    /// Evaluate encodes rows exactly as Train did; a feature column the table lacks is an error naming it.
    /// </summary>
    public static FeatureMatrix For(DataTable table, Featurizer featurizer, string label, PipelineTask task)
    {
        var missing = featurizer.Columns.Select(c => c.Name).Where(name => table.Find(name) is null).ToList();
        if (missing.Count > 0)
            throw new TrainyardException($"{table.Path} lacks the feature column(s) {string.Join(", ", missing.Select(m => $"'{m}'"))} the model was trained on; train again");
        return new FeatureMatrix(table, featurizer, table[label], task);
    }

    private static FeatureColumn FitColumn(DataColumn column, ReadOnlySpan<int> trainRows, string path)
    {
        switch (column)
        {
            case NumericColumn: return new FeatureColumn { Name = column.Name, Encoding = FeatureEncoding.Numeric };
            case BooleanColumn: return new FeatureColumn { Name = column.Name, Encoding = FeatureEncoding.Boolean };
            case CategoricalColumn categorical:
                var present = new bool[categorical.Categories.Count];
                foreach (var row in trainRows)
                    if (categorical.Codes[row] >= 0) present[categorical.Codes[row]] = true;
                var categories = categorical.Categories.Where((_, code) => present[code]).ToList();
                if (categories.Count == 0)
                    throw new TrainyardException($"column '{column.Name}' in {path} has no value in the training rows, so it cannot be one-hot encoded; drop it from the features");
                return new FeatureColumn { Name = column.Name, Encoding = FeatureEncoding.OneHot, Categories = categories };
            // An empty column is typed text (nothing to infer from): say that it is empty, not that it is text.
            case TextColumn text when text.Values.All(v => v is null):
                throw new TrainyardException($"column '{column.Name}' in {path} has no values, so it cannot be a feature; drop it from the features");
            default:
                throw new TrainyardException(
                    $"column '{column.Name}' in {path} is {column.Type.ToString().ToLowerInvariant()}; datetime and text columns are not features yet — remove it from the features");
        }
    }

    /// <summary>The rows' features, row-major (<see cref="Width"/> per row). Unseen categories (rows outside the
    /// training set) are encoded as 0 in every slot and, when <paramref name="unseen"/> is given, counted there.</summary>
    public float[] Build(int[] rows, UnseenCategoryCounts? unseen = null)
    {
        var matrix = GC.AllocateUninitializedArray<float>(checked(rows.Length * Width));
        Build(rows, matrix, unseen);
        return matrix;
    }

    /// <summary>As <see cref="Build(int[], UnseenCategoryCounts?)"/>, into <paramref name="matrix"/> (rows × <see cref="Width"/>),
    /// for a caller that reuses one buffer: first touching fresh memory can cost more than the encoding itself.</summary>
    public void Build(int[] rows, float[] matrix, UnseenCategoryCounts? unseen = null)
    {
        var width = Width;
        if (matrix.Length != (long)rows.Length * width)
            throw new ArgumentException($"the matrix holds {matrix.Length} values; {rows.Length} rows × {width} features need {(long)rows.Length * width}", nameof(matrix));
        var chunks = (rows.Length + ChunkRows - 1) / ChunkRows;
        Parallel.For(0, chunks, chunk =>
        {
            // Column by column over a block of rows small enough that its part of the matrix stays in cache.
            var end = Math.Min(rows.Length, (chunk + 1) * ChunkRows);
            for (var start = chunk * ChunkRows; start < end; start += BlockRows)
            {
                var count = Math.Min(BlockRows, end - start);
                WriteBlock(rows.AsSpan(start, count), matrix.AsSpan(start * width, count * width), unseen);
            }
        });
    }

    private void WriteBlock(ReadOnlySpan<int> rows, Span<float> target, UnseenCategoryCounts? unseen)
    {
        for (var c = 0; c < _columns.Length; c++)
        {
            switch (_columns[c])
            {
                case NumericColumn numeric: Featurizer.WriteNumericColumn(c, numeric.Values, numeric.Missing, rows, target); break;
                case BooleanColumn flags: Featurizer.WriteBooleanColumn(c, flags.Values, flags.Missing, rows, target); break;
                case CategoricalColumn categorical:
                    var unseenValues = Featurizer.WriteCategoryColumn(c, categorical.Codes, _slotsOfCodes[c], rows, target);
                    unseen?.Add(c, unseenValues); // not inside the ?. call: that would skip the write when unseen is null
                    break;
            }
        }
    }
}
