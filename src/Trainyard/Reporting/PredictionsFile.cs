using System.Globalization;
using System.Text;

namespace Trainyard.Reporting;

/// <summary>
/// The test rows of predictions.csv (label, prediction, each class's probability), read back for the charts that
/// need every row: ROC and precision–recall (binary), predicted against actual (regression).
/// </summary>
internal sealed record PredictionsFile(IReadOnlyList<string> Header, IReadOnlyList<string[]> Rows)
{
    public static async Task<PredictionsFile> ReadAsync(string path, CancellationToken cancellationToken)
    {
        var lines = await File.ReadAllLinesAsync(path, cancellationToken);
        if (lines.Length == 0) return new PredictionsFile([], []);
        return new PredictionsFile(Split(lines[0]), [.. lines.Skip(1).Where(l => l.Length > 0).Select(Split)]);
    }

    /// <summary>Binary: (is label 1, probability of label 1); label 1 is the last probability column's class.</summary>
    public IReadOnlyList<(bool Positive, double Score)> BinaryScores()
    {
        var probabilityColumns = Header.Select((name, i) => (name, i)).Where(c => c.name.StartsWith("probability_", StringComparison.Ordinal)).ToArray();
        int label = Column("label");
        if (probabilityColumns.Length != 2 || label < 0) return [];
        var (positiveName, score) = (probabilityColumns[1].name["probability_".Length..], probabilityColumns[1].i);
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
