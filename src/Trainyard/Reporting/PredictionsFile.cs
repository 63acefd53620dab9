using System.Globalization;
using System.Text;

namespace Trainyard.Reporting;

/// <summary>
/// The test rows of predictions.csv (label, prediction, each class's probability), read back for the charts that
/// need every row: ROC and precision–recall (binary), predicted against actual (regression).
/// </summary>
internal sealed record PredictionsFile(IReadOnlyList<string> Header, IReadOnlyList<string[]> Rows)
{
    const string ProbabilityPrefix = "probability_";

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
        int label = Column("label");
        if (classes.Count != 2 || label < 0) return [];
        var (positiveName, score) = (classes[1], Column(ProbabilityPrefix + classes[1]));
        return [.. Rows.Where(r => r.Length > score && double.TryParse(r[score], CultureInfo.InvariantCulture, out var p) && !double.IsNaN(p))
            .Select(r => (r[label] == positiveName, double.Parse(r[score], CultureInfo.InvariantCulture)))];
    }

    /// <summary>Regression: (actual, predicted), rows with both numbers only.</summary>
    public IReadOnlyList<(double Actual, double Predicted)> RegressionPairs()
    {
        int label = Column("label"), prediction = Column("prediction");
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

    /// <summary>One CSV line as TestPredictions writes it: fields quoted only when they hold a comma, quote or newline.</summary>
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
