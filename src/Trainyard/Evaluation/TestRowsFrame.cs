using Microsoft.Data.Analysis;
using Trainyard.Artifacts;
using Trainyard.Data.Table;
using Trainyard.Pipelines;

namespace Trainyard.Evaluation;

/// <summary>
/// The DataFrame custom metrics receive: the test rows' columns as read, then the label, the prediction and each
/// class's probability under the names of predictions.csv (<see cref="TestRows"/>).
/// </summary>
internal static class TestRowsFrame
{
    /// <param name="rows">The test rows' positions in <paramref name="table"/>.</param>
    /// <param name="scored">The same rows' labels and the scorer's outputs.</param>
    public static DataFrame Build(DataTable table, int[] rows, TaskMetrics scored)
    {
        var columns = new List<DataFrameColumn>(table.Columns.Count + 2 + scored.Classes.Count);
        foreach (var column in table.Columns)
        {
            if (column.Name is TestRows.Label or TestRows.Prediction || column.Name.StartsWith(PredictionsFile.ProbabilityPrefix, StringComparison.Ordinal))
                throw new TrainyardException(
                    $"{table.Path}: column '{column.Name}' has the name of a column Evaluate adds for custom metrics " +
                    $"({TestRows.Label}, {TestRows.Prediction}, {PredictionsFile.ProbabilityPrefix}<class>); rename it in the data to use custom metrics");
            columns.Add(column switch
            {
                NumericColumn n => new DoubleDataFrameColumn(n.Name, rows.Select(r => n.Missing[r] ? (double?)null : n.Values[r])),
                BooleanColumn b => new BooleanDataFrameColumn(b.Name, rows.Select(r => b.Missing[r] ? (bool?)null : b.Values[r])),
                _ => new StringDataFrameColumn(column.Name, rows.Select(column.Text)),
            });
        }

        var count = scored.Rows;
        if (scored.Task == PipelineTask.Regression)
        {
            columns.Add(new DoubleDataFrameColumn(TestRows.Label, Enumerable.Range(0, count).Select(i => (double)scored.Labels[i])));
            columns.Add(new DoubleDataFrameColumn(TestRows.Prediction,
                Enumerable.Range(0, count).Select(i => float.IsNaN(scored.Outputs[i]) ? (double?)null : scored.Outputs[i])));
            return new DataFrame(columns);
        }

        var classes = scored.Classes;
        var probabilities = Enumerable.Range(0, count).Select(i => Probabilities(scored, i)).ToArray();
        columns.Add(new StringDataFrameColumn(TestRows.Label, Enumerable.Range(0, count).Select(i => classes[(int)scored.Labels[i]])));
        columns.Add(new StringDataFrameColumn(TestRows.Prediction, probabilities.Select(p => Predicted(scored, p) is { } c ? classes[c] : null)));
        for (var c = 0; c < classes.Count; c++)
        {
            var k = c;
            columns.Add(new DoubleDataFrameColumn(TestRows.Probability(classes[k]), probabilities.Select(p => double.IsNaN(p[k]) ? (double?)null : p[k])));
        }
        return new DataFrame(columns);
    }

    // Binary outputs are P(positive), the second class; the probabilities are written out as predictions.csv has them.
    static double[] Probabilities(TaskMetrics scored, int row) => scored.Task == PipelineTask.Binary
        ? [1 - scored.Outputs[row], scored.Outputs[row]]
        : [.. scored.Outputs.AsSpan(row * scored.Width, scored.Width).ToArray().Select(p => (double)p)];

    static int? Predicted(TaskMetrics scored, double[] probabilities)
    {
        if (probabilities.Any(double.IsNaN)) return null;
        if (scored.Task == PipelineTask.Binary) return probabilities[1] >= scored.Threshold ? 1 : 0;
        var best = 0;
        for (var c = 1; c < probabilities.Length; c++) if (probabilities[c] > probabilities[best]) best = c;
        return best;
    }
}
