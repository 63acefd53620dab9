using System.Globalization;
using System.Text;
using System.Text.Json;
using Trainyard.Artifacts.Monitoring;
using Trainyard.Monitoring;
using Trainyard.Monitoring.Estimation;
using Trainyard.Pipelines;
using Trainyard.Registry;
using Trainyard.Runtime.Packaging;
using Trainyard.Tests.Serving;

namespace Trainyard.Tests.Monitoring;

/// <summary>
/// Estimated quality (CBPE) through Monitor: the calibration the package stores (or, for an older package, the
/// artifacts' predictions.csv of the same model), applied to the real server's log, reported and gated as
/// <c>estimated.*</c>; and the A/B difference between two versions' labelled traffic.
/// </summary>
[Collection(ServingCollection.Name)]
public sealed class EstimatedQualityTests(PackagedSample sample, Xunit.Abstractions.ITestOutputHelper output)
{
    static readonly string[] Binary = ["auc", "accuracy", "precision", "recall", "f1"];

    [Fact]
    public async Task ThePackagesCalibrationEstimatesTheWindowAsConfidenceBasedEstimateDoes()
    {
        var folder = await LoggedTraffic.LogAsync(sample, sample.TestRows);
        var registry = await LoggedTraffic.ProductionRegistryAsync(sample);
        var spec = LoggedTraffic.Spec(sample, new MonitorSpec { Gates = Gates("estimated.auc >= evaluated - 0.05", "estimated.f1 >= 0.1") });

        var report = await MonitorAsync(spec, registry, folder, new VersionCalibration(TestSplit: null));

        var v1 = report.Versions.Single();
        Assert.Equal(Binary.Order(), v1.Estimated.Keys.Order());
        // The same numbers as the estimation class over every logged P(bad), at the threshold Evaluate measured at; the
        // AUC up to the 2⁻¹⁶ score bins the stream sums in.
        var packaged = await sample.V1Async();
        var calibration = packaged.Metadata.Calibration!.Single();
        var logged = (await LoggedScoresAsync(folder)).ToArray();
        var expected = ConfidenceBasedEstimate.Binary(IsotonicCalibration.From(new IsotonicThresholds([.. calibration.X], [.. calibration.Y])),
            logged, ThresholdOf(packaged));
        Assert.Equal(expected.Auc!.Value, v1.Estimated["auc"]!.Value, 1e-4);
        foreach (var (name, value) in expected.Metrics.Where(m => m.Key != "auc")) Assert.Equal(value!.Value, v1.Estimated[name]!.Value, 1e-9);
        // Traffic like the test split: the estimate sits near the evaluated figures, and the gates pass on it.
        Assert.Equal(v1.Evaluated["auc"]!.Value, v1.Estimated["auc"]!.Value, 0.03);
        Assert.Equal(["passed", "passed"], report.Gates.Select(g => g.Outcome));
        Assert.Equal(v1.Evaluated["auc"], report.Gates[0].Evaluated);
    }

    [Fact]
    public async Task AnOlderPackageIsEstimatedFromItsOwnTestSplitOrSaysWhyNot()
    {
        var folder = sample.NewFolder();
        var registry = await LoggedTraffic.ProductionRegistryAsync(sample);
        // v2: v1 as a package made before calibrations were stored (the same model file).
        var package = await sample.V1Async();
        await registry.PublishAsync((package with { Metadata = package.Metadata with { ContentKey = "older", Calibration = null } }).Pack(), "tests", CancellationToken.None);
        await registry.MoveAliasAsync(AliasName.Production, "v2", "tests", "tests", CancellationToken.None);
        await LoggedTraffic.LogToAsync(sample, sample.TestRows.Take(300).ToArray(), Path.Combine(folder, "credit-risk-v2.jsonl"),
            environment: [("TRAINYARD_MODEL_PATH", Path.Combine(registry.Location, "credit-risk")), ("TRAINYARD_MODEL_REFERENCE", "v2")]);
        var spec = LoggedTraffic.Spec(sample, new MonitorSpec { Gates = Gates("estimated.auc >= evaluated - 0.05") });
        var root = LoggedTraffic.Root(sample);

        // artifacts/credit-risk/model.json is v2's model: its predictions.csv calibrates, as Package would have stored it.
        var fromTestSplit = await MonitorAsync(spec, registry, folder, await VersionCalibration.LoadAsync(root, "artifacts/credit-risk", CancellationToken.None));
        var fromPackage = await MonitorAsync(spec, await LoggedTraffic.ProductionRegistryAsync(sample), await RelabelledAsV1Async(folder), new VersionCalibration(TestSplit: null));
        Assert.Equal(fromPackage.Versions.Single().Estimated, fromTestSplit.Versions.Single().Estimated);

        // Without a predictions.csv of its model: not estimated, and the note says why; the gate is not measured, never failed.
        var none = await MonitorAsync(spec, registry, folder, await VersionCalibration.LoadAsync(sample.NewFolder(), "artifacts/credit-risk", CancellationToken.None));
        Assert.Empty(none.Versions.Single().Estimated);
        Assert.Contains(none.Versions.Single().Notes, n => n.StartsWith("not estimated: credit-risk:v2's package has no calibration", StringComparison.Ordinal));
        Assert.Equal("not_measured", none.Gates.Single().Outcome);
        Assert.Equal("healthy", none.Verdict);
    }

    [Fact]
    public async Task AGateOnAFigureTheEstimateDoesNotGiveNamesTheClosest()
    {
        var spec = LoggedTraffic.Spec(sample, new MonitorSpec { Gates = Gates("estimated.log_loss <= 0.5") });
        var error = await Assert.ThrowsAsync<TrainyardException>(async () =>
            await MonitorAsync(spec, await LoggedTraffic.ProductionRegistryAsync(sample), sample.NewFolder(), new VersionCalibration(TestSplit: null)));
        Assert.Contains("'estimated.log_loss' is not a figure Monitor measures", error.Message);
        Assert.Contains("closest:", error.Message);
    }

    [Fact]
    public async Task TwoVersionsWithLabelsEndWithADifferenceAndAVerdict()
    {
        var registry = await LoggedTraffic.ProductionRegistryAsync(sample);
        var package = await sample.V1Async();
        await registry.PublishAsync((package with { Metadata = package.Metadata with { ContentKey = "retrained" } }).Pack(), "tests", CancellationToken.None);
        var folder = sample.NewFolder();
        var third = Enumerable.Range(0, sample.TestRows.Count).Where(i => i % 3 == 0).ToArray();
        await LoggedTraffic.LogToAsync(sample, sample.TestRows, Path.Combine(folder, "credit-risk-v1.jsonl"), requests: "v1");
        await LoggedTraffic.LogToAsync(sample, [.. third.Select(i => sample.TestRows[i])], Path.Combine(folder, "credit-risk-v2.jsonl"),
            environment: [("TRAINYARD_MODEL_PATH", Path.Combine(registry.Location, "credit-risk")), ("TRAINYARD_MODEL_REFERENCE", "v2")], requests: "v2");
        var truth = LoggedTraffic.TrueLabels(sample);
        // The same model on a fair third of the rows: no difference. Then v2's traffic means the opposite outcome
        // (its labels flipped): v1 better, by far.
        var fair = await LabelsAsync([.. V1Labels(truth), .. third.Select((row, k) => ($"v2-{k / LoggedTraffic.Batch}", k % LoggedTraffic.Batch, truth[row]))]);
        var flipped = await LabelsAsync([.. V1Labels(truth), .. third.Select((row, k) => ($"v2-{k / LoggedTraffic.Batch}", k % LoggedTraffic.Batch, truth[row] == "bad" ? "good" : "bad"))]);

        var same = await LoggedTraffic.MonitorAsync(LoggedTraffic.Spec(sample), registry, folder, fair);
        var worse = await LoggedTraffic.MonitorAsync(LoggedTraffic.Spec(sample), registry, folder, flipped);

        var comparison = Assert.Single(same.Comparisons);
        Assert.Equal(("v2", "v1", (long)third.Length, (long)truth.Count), (comparison.Version, comparison.Against, comparison.Rows, comparison.AgainstRows));
        var auc = comparison.Differences.Single(d => d.Metric == "auc");
        var (v1, v2) = (same.Versions[0], same.Versions[1]);
        Assert.Equal(v2.Quality["auc"]!.Value - v1.Quality["auc"]!.Value, auc.Difference, 1e-12);
        Assert.True(auc.Lower < auc.Difference && auc.Difference < auc.Upper && auc.Lower < 0 && auc.Upper > 0, $"{auc}");
        Assert.Equal("no difference", auc.Verdict);
        Assert.Contains(comparison.Differences, d => d.Metric == "log_loss");
        Assert.DoesNotContain(comparison.Differences, d => d.Metric is "rows" or "base_rate" || d.Metric.StartsWith("class.", StringComparison.Ordinal));

        var flippedAuc = Assert.Single(worse.Comparisons).Differences.Single(d => d.Metric == "auc");
        Assert.True(flippedAuc.Upper < 0, $"{flippedAuc}");
        Assert.Equal("v1 better", flippedAuc.Verdict);
        Assert.Equal("v1 better", worse.Comparisons[0].Differences.Single(d => d.Metric == "log_loss").Verdict); // lower log loss wins

        // In monitor.json, and on the console as people read it.
        var path = Path.Combine(sample.NewFolder(), "monitor.json");
        await same.WriteAsync(path);
        Assert.Equal(auc, (await MonitorReport.ReadAsync(path)).Comparisons.Single().Differences.Single(d => d.Metric == "auc"));
        var console = Render(same);
        output.WriteLine(console + Render(worse));
        Assert.Contains(string.Create(CultureInfo.InvariantCulture, $"v2 − v1 auc: {Signed(auc.Difference)} [{Signed(auc.Lower)}, {Signed(auc.Upper)}] no difference"), console);
    }

    [Fact]
    public async Task OnShiftedCreditTrafficTheEstimatedAucFollowsTheRealizedAucThroughMonitor()
    {
        // As CreditShiftTests (docs/monitor-estimation.md): the version calibrated on every other test row, the other
        // half served as production traffic — unshifted, Income above its median, rows the model is unsure of.
        var registry = await LoggedTraffic.ProductionRegistryAsync(sample);
        var truth = LoggedTraffic.TrueLabels(sample);
        var scores = sample.Split.Expected.Select(e => e.Bad).ToArray();
        var rows = Enumerable.Range(0, truth.Count).ToArray();
        var half = IsotonicCalibration.Fit([.. rows.Where(i => i % 2 == 0).Select(i => scores[i])], [.. rows.Where(i => i % 2 == 0).Select(i => truth[i] == "bad" ? 1 : 0)]).Thresholds;
        var package = await sample.V1Async();
        await registry.PublishAsync((package with
        {
            Metadata = package.Metadata with { ContentKey = "calibrated on half", Calibration = [new ClassCalibration("bad", half.X, half.Y)] },
        }).Pack(), "tests", CancellationToken.None);
        await registry.MoveAliasAsync(AliasName.Production, "v2", "tests", "tests", CancellationToken.None);
        var traffic = rows.Where(i => i % 2 == 1).ToArray();
        double Income(int i) => sample.TestRows[i].TryGetProperty("Income", out var v) && v.ValueKind == JsonValueKind.Number ? v.GetDouble() : double.NaN;
        var median = Trainyard.Evaluation.Quantiles.Of([.. traffic.Select(Income).Where(v => !double.IsNaN(v)).Order()], 0.5)!.Value;
        var spec = LoggedTraffic.Spec(sample, new MonitorSpec { Gates = Gates("estimated.auc >= evaluated - 0.05") });

        var reports = new Dictionary<string, MonitorReport>();
        foreach (var (name, shifted) in new[]
        {
            ("unshifted", traffic), ("Income above its median", traffic.Where(i => Income(i) > median).ToArray()),
            ("unsure: score 0.15–0.6", traffic.Where(i => scores[i] is >= 0.15 and <= 0.6).ToArray()),
        })
        {
            var folder = sample.NewFolder();
            await LoggedTraffic.LogToAsync(sample, [.. shifted.Select(i => sample.TestRows[i])], Path.Combine(folder, "credit-risk-v2.jsonl"),
                environment: [("TRAINYARD_MODEL_PATH", Path.Combine(registry.Location, "credit-risk")), ("TRAINYARD_MODEL_REFERENCE", "v2")]);
            var labels = await LabelsAsync(shifted.Select((row, k) => ($"batch-{k / LoggedTraffic.Batch}", k % LoggedTraffic.Batch, truth[row])));
            var path = Path.Combine(folder, "monitor.json");
            await (await MonitorAsync(spec, registry, folder, new VersionCalibration(TestSplit: null), labels)).WriteAsync(path);
            var report = reports[name] = await MonitorReport.ReadAsync(path);

            var v2 = report.Versions.Single();
            var (estimated, realized) = (v2.Estimated["auc"]!.Value, v2.Quality["auc"]!.Value);
            var error = Estimation.CreditPredictions.StandardError(realized,
                [.. shifted.Select(i => new Estimation.CreditRow(truth[i] == "bad" ? 1 : 0, scores[i], new Dictionary<string, string>()))]);
            output.WriteLine($"{name,-26} rows {shifted.Length,4}  estimated {estimated:F3}  realized {realized:F3}  ±{error:F3}  PSI(Income) {v2.Drift.Single(d => d.Column == "Income").Psi:F2}  score PSI {v2.Predictions?.Psi:F2}");
            // The tolerance docs/monitor-estimation.md states: within 2.5 standard errors of the realized AUC (Hanley–McNeil).
            Assert.True(Math.Abs(estimated - realized) <= 2.5 * error,
                $"{name}: {shifted.Length} rows, estimated {estimated:F3}, realized {realized:F3}, more than 2.5 × {error:F3} apart");
        }

        // Drifted but still accurate: Income drifted, the estimate passes its gate. Drifted and degraded: the estimate fails it.
        var richer = reports["Income above its median"];
        Assert.Contains("Income", richer.Versions.Single().DriftedColumns);
        Assert.Equal(("passed", "healthy"), (richer.Gates.Single().Outcome, richer.Verdict));
        var unsure = reports["unsure: score 0.15–0.6"];
        Assert.Equal(("failed", "degraded"), (unsure.Gates.Single().Outcome, unsure.Verdict));
        Assert.Contains(unsure.RetrainReasons, r => r.StartsWith("estimated.auc 0.", StringComparison.Ordinal));
    }

    static IEnumerable<(string, int, string)> V1Labels(IReadOnlyList<string> truth) =>
        truth.Select((label, i) => ($"v1-{i / LoggedTraffic.Batch}", i % LoggedTraffic.Batch, label));

    static string Signed(double value) => (value < 0 ? "−" : "+") + Math.Abs(value).ToString("0.000", CultureInfo.InvariantCulture);

    internal static string Render(MonitorReport report)
    {
        var writer = new StringWriter();
        var console = Spectre.Console.AnsiConsole.Create(new Spectre.Console.AnsiConsoleSettings
        {
            Ansi = Spectre.Console.AnsiSupport.No, ColorSystem = Spectre.Console.ColorSystemSupport.NoColors,
            Interactive = Spectre.Console.InteractionSupport.No, Out = new Spectre.Console.AnsiConsoleOutput(writer),
        });
        console.Profile.Width = 200;
        MonitorSummary.Render(console, report);
        return writer.ToString();
    }

    static double ThresholdOf(ModelPackage package) => package.ReadSignature().Output.Threshold!.Value;

    /// <summary>The v2 log rewritten as v1's (the same model), so the packaged v1 and its calibration judge it.</summary>
    async Task<string> RelabelledAsV1Async(string folder)
    {
        var target = sample.NewFolder();
        var lines = await File.ReadAllLinesAsync(Path.Combine(folder, "credit-risk-v2.jsonl"));
        await File.WriteAllLinesAsync(Path.Combine(target, "credit-risk-v1.jsonl"), lines.Select(l => l.Replace("\"model_version\":\"v2\"", "\"model_version\":\"v1\"")));
        return target;
    }

    internal static async Task<MonitorReport> MonitorAsync(PipelineSpec spec, ModelRegistry registry, string folder, VersionCalibration calibration, LiveLabels? labels = null)
    {
        var now = DateTimeOffset.UtcNow;
        var request = new MonitorRequest(spec, new LogWindow(now.AddHours(-1), now.AddMinutes(1)), PredictionLogReader.FilesOf(folder), folder, labels)
        {
            Estimator = calibration.Estimator,
        };
        return await MonitorRun.RunAsync(request, registry, now, CancellationToken.None);
    }

    internal static IReadOnlyList<GateRule> Gates(params string[] lines) =>
        [.. lines.Select(line => GateExpression.Parse(line, new SourceLocation("spec.yml", 1), MonitorReader.Grammar))];

    async Task<LiveLabels> LabelsAsync(IEnumerable<(string RequestId, int Row, string Status)> labels)
    {
        var root = LoggedTraffic.Root(sample);
        var path = Path.Combine(sample.NewFolder(), "labels.csv");
        var csv = new StringBuilder("request_id,row,Status\n");
        foreach (var (id, row, status) in labels) csv.Append(CultureInfo.InvariantCulture, $"{id},{row},{status}\n");
        await File.WriteAllTextAsync(path, csv.ToString());
        return await LiveLabels.ReadAsync(root, Path.GetRelativePath(root, path), "Status", idColumn: null, CancellationToken.None);
    }

    /// <summary>P(bad) of every logged row, in log order.</summary>
    static async Task<IReadOnlyList<double>> LoggedScoresAsync(string folder) =>
        [.. (await File.ReadAllLinesAsync(Path.Combine(folder, LoggedTraffic.Log)))
            .SelectMany(line => JsonDocument.Parse(line).RootElement.GetProperty("outputs").EnumerateArray()
                .Select(o => o.GetProperty("probabilities").GetProperty("bad").GetDouble()))];
}
