using System.Globalization;
using System.Text;

namespace Trainyard.Artifacts;

/// <summary>
/// artifacts/&lt;pipeline&gt;/predictions.csv, Train's scored test rows: the row's id column (or <see cref="LineColumn"/>),
/// <see cref="LabelColumn"/>, <see cref="PredictionColumn"/> and, for classification, one <see cref="ProbabilityColumn"/>
/// per class. Read back for the charts that need every row (ROC and precision–recall, predicted against actual) and
/// for the package's example inputs; its column names are also those of a custom metric's DataFrame.
/// </summary>
internal sealed record PredictionsFile(IReadOnlyList<string> Header, IReadOnlyList<string[]> Rows)
{
    /// <summary>The first column when the spec names no id column: the row's line in the data file.</summary>
    public const string LineColumn = "line";
    public const string LabelColumn = "label";
    public const string PredictionColumn = "prediction";
    public const string ProbabilityPrefix = "probability_";

    /// <summary>The column of the model's probability of class <paramref name="className"/>: <c>probability_&lt;class&gt;</c>.</summary>
    public static string ProbabilityColumn(string className) => ProbabilityPrefix + className;

    public static async Task<PredictionsFile> ReadAsync(string path, CancellationToken cancellationToken)
    {
        var lines = await File.ReadAllLinesAsync(path, cancellationToken);
        if (lines.Length == 0) return new PredictionsFile([], []);
        return new PredictionsFile(Split(lines[0]), [.. lines.Skip(1).Where(l => l.Length > 0).Select(Split)]);
    }

    /// <summary>
    /// The classes in the model's output order, from the probability columns (binary: the negative class, then the
    /// positive one); empty for regression.
    /// </summary>
    public IReadOnlyList<string> Classes() =>
        [.. Header.Where(name => name.StartsWith(ProbabilityPrefix, StringComparison.Ordinal)).Select(name => name[ProbabilityPrefix.Length..])];

    /// <summary>Binary: (is the positive class, probability of the positive class), the positive class being the second.</summary>
    public IReadOnlyList<(bool Positive, double Score)> BinaryScores()
    {
        var classes = Classes();
        int label = Column(LabelColumn);
        if (classes.Count != 2 || label < 0) return [];
        var (positiveName, score) = (classes[1], Column(ProbabilityColumn(classes[1])));
        return [.. Rows.Where(r => r.Length > score && double.TryParse(r[score], CultureInfo.InvariantCulture, out var p) && !double.IsNaN(p))
            .Select(r => (r[label] == positiveName, double.Parse(r[score], CultureInfo.InvariantCulture)))];
    }

    /// <summary>Regression: (actual, predicted), rows with both numbers only.</summary>
    public IReadOnlyList<(double Actual, double Predicted)> RegressionPairs()
    {
        int label = Column(LabelColumn), prediction = Column(PredictionColumn);
        if (label < 0 || prediction < 0) return [];
        var pairs = new List<(double, double)>();
        foreach (var row in Rows)
            if (row.Length > Math.Max(label, prediction)
                && double.TryParse(row[label], CultureInfo.InvariantCulture, out var actual) && double.IsFinite(actual)
                && double.TryParse(row[prediction], CultureInfo.InvariantCulture, out var predicted) && double.IsFinite(predicted))
                pairs.Add((actual, predicted));
        return pairs;
    }

    int Column(string name) => Header.ToList().IndexOf(name);

    /// <summary>One CSV line as Training's TestPredictions writes it: fields quoted only when they hold a comma, quote or newline.</summary>
    static string[] Split(string line)
    {
        var fields = new List<string>();
        var field = new StringBuilder();
        var quoted = false;
        for (var i = 0; i < line.Length; i++)
        {
            var c = line[i];
            if (quoted && c == '"' && i + 1 < line.Length && line[i + 1] == '"') { field.Append('"'); i++; }
            else if (c == '"') quoted = !quoted;
            else if (c == ',' && !quoted) { fields.Add(field.ToString()); field.Clear(); }
            else field.Append(c);
        }
        fields.Add(field.ToString());
        return [.. fields];
    }
}
