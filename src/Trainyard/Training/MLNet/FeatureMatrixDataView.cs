using Microsoft.ML;
using Microsoft.ML.Data;

namespace Trainyard.Training.MLNet;

/// <summary>
/// A <see cref="TrainingSet"/> as ML.NET's <see cref="IDataView"/>: the featurizer's matrix, read in place, is the
/// only way ML.NET receives data (no second featurization). Columns: <c>Features</c> (a float vector with the feature
/// names as slot names), <c>Label</c> (Boolean for binary, a key of the class count for multiclass, float for
/// regression) and, with weights, <c>Weight</c>.
/// </summary>
internal sealed class FeatureMatrixDataView : IDataView
{
    public const string FeaturesColumn = "Features";
    public const string LabelColumn = "Label";
    public const string WeightColumn = "Weight";

    private readonly TrainingSet set;
    private readonly TrainingTask task;

    public FeatureMatrixDataView(TrainingSet set, TrainingTask task)
    {
        this.set = set;
        this.task = task;
        var builder = new DataViewSchema.Builder();
        var slotNames = new DataViewSchema.Annotations.Builder();
        slotNames.Add("SlotNames", new VectorDataViewType(TextDataViewType.Instance, set.Columns), (ValueGetter<VBuffer<ReadOnlyMemory<char>>>)((ref VBuffer<ReadOnlyMemory<char>> names) =>
        {
            var editor = VBufferEditor.Create(ref names, set.Columns);
            for (var i = 0; i < set.Columns; i++) editor.Values[i] = set.FeatureNames[i].AsMemory();
            names = editor.Commit();
        }));
        builder.AddColumn(FeaturesColumn, new VectorDataViewType(NumberDataViewType.Single, set.Columns), slotNames.ToAnnotations());
        builder.AddColumn(LabelColumn, task.Kind switch
        {
            TaskKind.BinaryClassification => BooleanDataViewType.Instance,
            TaskKind.MulticlassClassification => new KeyDataViewType(typeof(uint), task.ClassCount),
            _ => NumberDataViewType.Single,
        });
        if (set.Weights is not null) builder.AddColumn(WeightColumn, NumberDataViewType.Single);
        Schema = builder.ToSchema();
    }

    public bool HasWeights => set.Weights is not null;

    public bool CanShuffle => false;

    public DataViewSchema Schema { get; }

    public long? GetRowCount() => set.Rows;

    public DataViewRowCursor GetRowCursor(IEnumerable<DataViewSchema.Column> columnsNeeded, Random? rand = null) =>
        new Cursor(this, columnsNeeded.Select(c => c.Index).ToHashSet());

    // One cursor: the trainers read the matrix sequentially and the rows are few enough that splitting buys little.
    public DataViewRowCursor[] GetRowCursorSet(IEnumerable<DataViewSchema.Column> columnsNeeded, int n, Random? rand = null) =>
        [GetRowCursor(columnsNeeded, rand)];

    private sealed class Cursor(FeatureMatrixDataView view, HashSet<int> active) : DataViewRowCursor
    {
        private long position = -1;

        public override DataViewSchema Schema => view.Schema;

        public override long Position => position;

        public override long Batch => 0;

        private int Row => position >= 0 && position < view.set.Rows
            ? (int)position
            : throw new InvalidOperationException($"The cursor is at {position}, not on one of the {view.set.Rows} rows.");

        public override bool IsColumnActive(DataViewSchema.Column column) => active.Contains(column.Index);

        public override bool MoveNext()
        {
            if (position + 1 >= view.set.Rows)
            {
                position = view.set.Rows;
                return false;
            }
            position++;
            return true;
        }

        public override ValueGetter<DataViewRowId> GetIdGetter() =>
            (ref DataViewRowId id) => id = new DataViewRowId((ulong)position, 0);

        public override ValueGetter<TValue> GetGetter<TValue>(DataViewSchema.Column column)
        {
            if (!IsColumnActive(column)) throw new InvalidOperationException($"Column '{column.Name}' was not requested from the cursor.");
            var set = view.set;
            Delegate getter = column.Name switch
            {
                FeaturesColumn => (ValueGetter<VBuffer<float>>)((ref VBuffer<float> row) =>
                {
                    var editor = VBufferEditor.Create(ref row, set.Columns);
                    set.Features.Span.Slice(Row * set.Columns, set.Columns).CopyTo(editor.Values);
                    row = editor.Commit();
                }),
                LabelColumn => view.task.Kind switch
                {
                    TaskKind.BinaryClassification => (ValueGetter<bool>)((ref bool label) => label = set.Labels.Span[Row] != 0),
                    // Keys count from 1 (0 means missing): class i is key i + 1.
                    TaskKind.MulticlassClassification => (ValueGetter<uint>)((ref uint label) => label = (uint)set.Labels.Span[Row] + 1),
                    _ => (ValueGetter<float>)((ref float label) => label = set.Labels.Span[Row]),
                },
                WeightColumn => (ValueGetter<float>)((ref float weight) => weight = set.Weights!.Value.Span[Row]),
                _ => throw new InvalidOperationException($"No column '{column.Name}'."),
            };
            return getter as ValueGetter<TValue>
                ?? throw new InvalidOperationException($"Column '{column.Name}' is not of type {typeof(TValue).Name}.");
        }
    }
}
