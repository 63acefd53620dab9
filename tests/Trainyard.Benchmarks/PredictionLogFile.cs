using System.Buffers;
using System.Globalization;
using System.Text;
using System.Text.Json;
using Trainyard.Serving;

namespace Trainyard.Benchmarks;

/// <summary>
/// A prediction log as Trainyard.Serving writes it (docs/serving.md, "Prediction log"; the same writer options and
/// field order as <c>PredictionLog.Write</c>): one single-row request per line, the rows drawn from the sample's CSV
/// (data/credit_data.csv, the label left out, an empty field sent as null), a share of them shifted (Income × 1.6,
/// Amount × 1.4, Age + 10), each scored by the package's own featurizer and scorer, so the outputs are the server's.
/// Deterministic (seeded); written once per size and cached in <c>$TMPDIR/trainyard-bench/monitor/</c>.
/// </summary>
internal static class PredictionLogFile
{
    public const double ShiftedShare = 0.3;
    public static readonly DateTimeOffset Start = new(2026, 12, 1, 0, 0, 0, TimeSpan.Zero);
    const int MillisecondsApart = 50; // 1,000,000 lines span 13.9 hours
    static readonly string[] Callers = ["web", "web", "billing", "anonymous"];

    public static DateTimeOffset End(int lines) => Start + TimeSpan.FromMilliseconds((long)lines * MillisecondsApart);

    /// <summary>The folder holding <c>credit-risk-v1.jsonl</c> with <paramref name="lines"/> lines, written when missing.</summary>
    public static async Task<string> EnsureAsync(string layout, string reference, string csv, int lines)
    {
        var folder = Path.Combine(Path.GetTempPath(), "trainyard-bench", "monitor", $"log-{lines}");
        var file = Path.Combine(folder, "credit-risk-v1.jsonl");
        if (File.Exists(file)) return folder;
        Directory.CreateDirectory(folder);
        var model = await ServedModel.LoadAsync(layout, reference, CancellationToken.None);
        var rows = ReadRows(csv, model.Signature.Inputs.Select(i => i.Name).ToHashSet(StringComparer.Ordinal));
        var plain = rows.Select(r => Scored(model, r)).ToArray();
        var shifted = rows.Select(r => Scored(model, Shift(r))).ToArray();

        var random = new Random(20261207);
        var buffer = new ArrayBufferWriter<byte>(1 << 20);
        using var json = new Utf8JsonWriter(buffer, ServingJson.WriterOptions);
        var temporary = file + ".part";
        await using (var stream = new FileStream(temporary, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 16))
        {
            var id = new byte[16];
            for (var i = 0; i < lines; i++)
            {
                var (inputs, outputs) = (random.NextDouble() < ShiftedShare ? shifted : plain)[random.Next(rows.Count)];
                random.NextBytes(id);
                // Latency: log-normal around 0.3 ms with a tail, as the server measures its own work.
                var latency = Math.Round(0.3 * Math.Exp(0.6 * Gaussian(random)), 4);
                json.Reset(buffer);
                json.WriteStartObject();
                json.WriteString("time"u8, Start + TimeSpan.FromMilliseconds((long)i * MillisecondsApart));
                json.WriteString("request_id"u8, Convert.ToHexStringLower(id));
                json.WriteString("caller"u8, Callers[random.Next(Callers.Length)]);
                json.WriteString("model_digest"u8, model.Digest);
                json.WriteString("model_version"u8, model.Version);
                json.WriteNumber("latency_ms"u8, latency);
                json.WritePropertyName("inputs"u8);
                json.WriteRawValue(inputs, skipInputValidation: true);
                json.WriteStartArray("outputs"u8);
                json.WriteRawValue(outputs, skipInputValidation: true);
                json.WriteEndArray();
                json.WriteEndObject();
                json.Flush();
                buffer.Write("\n"u8);
                if (buffer.WrittenCount > (1 << 20) - 8192)
                {
                    await stream.WriteAsync(buffer.WrittenMemory);
                    buffer.ResetWrittenCount();
                }
            }
            await stream.WriteAsync(buffer.WrittenMemory);
        }
        File.Move(temporary, file, overwrite: true);
        return folder;
    }

    static double Gaussian(Random random) =>
        Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());

    /// <summary>The CSV's rows as JSON objects of the model's inputs: quoted fields are strings, empty ones null.</summary>
    static List<Dictionary<string, object?>> ReadRows(string csv, IReadOnlySet<string> inputs)
    {
        var lines = File.ReadAllLines(csv);
        var header = lines[0].Split(',').Select(h => h.Trim('"')).ToArray();
        var rows = new List<Dictionary<string, object?>>();
        foreach (var line in lines.Skip(1).Where(l => l.Length > 0))
        {
            var fields = line.Split(','); // the sample has no commas inside quotes
            var row = new Dictionary<string, object?>(StringComparer.Ordinal);
            for (var c = 0; c < header.Length; c++)
            {
                if (!inputs.Contains(header[c])) continue;
                var field = fields[c];
                row[header[c]] = field.Length == 0 ? null
                    : field.StartsWith('"') ? field.Trim('"')
                    : double.Parse(field, CultureInfo.InvariantCulture);
            }
            rows.Add(row);
        }
        return rows;
    }

    static Dictionary<string, object?> Shift(Dictionary<string, object?> row)
    {
        var shifted = new Dictionary<string, object?>(row, StringComparer.Ordinal);
        if (shifted.GetValueOrDefault("Income") is double income) shifted["Income"] = Math.Round(income * 1.6);
        if (shifted.GetValueOrDefault("Amount") is double amount) shifted["Amount"] = Math.Round(amount * 1.4);
        if (shifted.GetValueOrDefault("Age") is double age) shifted["Age"] = age + 10;
        return shifted;
    }

    /// <summary>The row's compact JSON and its prediction's, as the server would log them.</summary>
    static (byte[] Inputs, byte[] Outputs) Scored(ServedModel model, Dictionary<string, object?> row)
    {
        var inputs = JsonSerializer.SerializeToUtf8Bytes(row);
        using var document = JsonDocument.Parse(inputs);
        var features = new float[model.Featurizer.FeatureCount];
        var outputs = new float[model.Scorer.OutputCount];
        model.Featurizer.Encode(document.RootElement, features);
        model.Scorer.Predict(features, outputs);
        return (inputs, Encoding.UTF8.GetBytes(ServingJson.Text(model.Signature.Interpret(outputs))));
    }
}
