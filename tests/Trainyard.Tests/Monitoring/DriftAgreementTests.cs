using System.Globalization;
using System.Text;
using System.Text.Json;
using Trainyard.Data.Profiling;
using Trainyard.Data.Validation;
using Trainyard.Runtime.Packaging;
using Trainyard.Tests.Serving;
using Xunit.Abstractions;

namespace Trainyard.Tests.Monitoring;

/// <summary>
/// One drift implementation, three readers: ValidateData on a CSV of some rows, Monitor on the prediction log of the
/// same rows, and the model server's live gauges (/metrics) over a window holding exactly them report the same
/// numbers. Shifted rows, so the numbers are not all near zero.
/// </summary>
[Collection(ServingCollection.Name)]
public sealed class DriftAgreementTests(PackagedSample sample, ITestOutputHelper output)
{
    [Fact]
    public async Task ValidateDataMonitorAndTheServerGaugesReportTheSameDrift()
    {
        var rows = LoggedTraffic.Shifted(sample.TestRows.Take(600), ("Amount", x => x * 1.3), ("Age", x => x + 3));
        string? metrics = null;
        var folder = await LoggedTraffic.LogAsync(sample, rows, async server => metrics = await server.Http.GetStringAsync("/metrics"),
            ("TRAINYARD_DRIFT_WINDOW", rows.Count.ToString(CultureInfo.InvariantCulture)));
        var registry = await LoggedTraffic.ProductionRegistryAsync(sample);
        var spec = LoggedTraffic.Spec(sample);

        var monitored = (await LoggedTraffic.MonitorAsync(spec, registry, folder)).Versions.Single().Drift;
        var validated = await ValidateDataAsync(spec, rows);

        Assert.Equal(validated.Select(c => c.Column), monitored.Select(c => c.Column));
        var gauges = 0;
        foreach (var (live, batch) in monitored.Zip(validated))
        {
            var served = ServerPsi(metrics!, live.Column);
            output.WriteLine($"{live.Column}: Monitor {live.Reason} PSI {live.Psi:R}; ValidateData {batch.Reason} PSI {batch.Effects?.Psi:R}; server PSI {served:R}");
            Assert.Equal(batch.Reason, live.Reason);
            Assert.Equal(batch.Score!.Value, live.Score!.Value, 1e-12);
            Assert.Equal(batch.Effects!.Psi, live.Psi!.Value, 1e-12);
            Assert.Equal(batch.Effects.JensenShannon, live.JensenShannon!.Value, 1e-12);
            if (served is { } psi)
            {
                Assert.Equal(batch.Effects.Psi, psi, 1e-9);
                gauges++;
            }
        }
        Assert.True(gauges >= 10, $"only {gauges} of the server's drift gauges were compared");
        Assert.Contains(monitored, c => c.Verdict == "drifted"); // the numbers compared are not all trivially small
    }

    /// <summary>ValidateData itself (DataValidation.RunAsync) on a CSV of the rows, with the package's profile as the reference.</summary>
    async Task<IReadOnlyList<Trainyard.Data.Drift.ColumnDrift>> ValidateDataAsync(Trainyard.Pipelines.PipelineSpec spec, IReadOnlyList<JsonElement> rows)
    {
        var root = LoggedTraffic.Root(sample);
        var folder = Path.GetRelativePath(root, sample.NewFolder());
        var reference = Path.Combine(folder, "reference.json");
        await File.WriteAllBytesAsync(Path.Combine(root, reference), (await sample.V1Async()).Files[PackageFiles.Profile].ToArray());
        string[] columns = ["Status", "Seniority", "Home", "Time", "Age", "Marital", "Records", "Job", "Expenses", "Income", "Assets", "Debt", "Amount", "Price"];
        var labels = LoggedTraffic.TrueLabels(sample);
        var csv = new StringBuilder(string.Join(',', columns.Select(c => $"\"{c}\""))).Append('\n');
        for (var i = 0; i < rows.Count; i++)
            csv.AppendJoin(',', columns.Select(c => c == "Status" ? $"\"{labels[i]}\"" : Field(rows[i], c))).Append('\n');
        var data = Path.Combine(folder, "live.csv");
        await File.WriteAllTextAsync(Path.Combine(root, data), csv.ToString());

        var outcome = await DataValidation.RunAsync(spec with { Data = spec.Data with { Path = data }, Drift = spec.Drift with { Reference = reference } },
            root, ProfileOptions.Default, progress: null, CancellationToken.None);
        // ValidateData also judges the label; the log has none, so Monitor judges the model's inputs only.
        return [.. outcome.Result.Drift!.Columns.Where(c => c.Column != "Status")];
    }

    /// <summary>A request's value as a CSV field: a number's text as sent, a quoted string, empty when missing.</summary>
    static string Field(JsonElement row, string column) =>
        !row.TryGetProperty(column, out var value) || value.ValueKind == JsonValueKind.Null ? ""
            : value.ValueKind == JsonValueKind.Number ? value.GetRawText() : $"\"{value.GetString()}\"";

    static double? ServerPsi(string metrics, string feature) =>
        metrics.Split('\n').FirstOrDefault(l => l.StartsWith($"trainyard_feature_drift_psi{{feature=\"{feature}\"}} ", StringComparison.Ordinal)) is { } line
            ? double.Parse(line.Split(' ')[1], CultureInfo.InvariantCulture) : null;
}
