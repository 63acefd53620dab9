using System.Text;
using Trainyard.Monitoring;
using Trainyard.Pipelines;
using Trainyard.Tests.Serving;

namespace Trainyard.Tests.Monitoring;

/// <summary>Labels that arrive later, joined to the log by request id; the task's metrics on them; gates on the live figures.</summary>
[Collection(ServingCollection.Name)]
public sealed class LiveQualityTests(PackagedSample sample)
{
    [Fact]
    public async Task LabelledTrafficIsMeasuredLikeTheTestSplit()
    {
        var folder = await LoggedTraffic.LogAsync(sample, sample.TestRows);
        var labels = await LabelsAsync(LoggedTraffic.TrueLabels(sample).Select((label, i) => ($"batch-{i / LoggedTraffic.Batch}", i % LoggedTraffic.Batch, label)));
        var spec = LoggedTraffic.Spec(sample, new MonitorSpec { Gates = Gates(spec => spec, "auc >= evaluated - 0.05", "accuracy >= 0.5") });

        var report = await LoggedTraffic.MonitorAsync(spec, await LoggedTraffic.ProductionRegistryAsync(sample), folder, labels);

        var v1 = report.Versions.Single();
        Assert.Equal(sample.TestRows.Count, report.Labels!.Matched);
        Assert.Equal(0, report.Labels.Unmatched);
        // The labelled traffic is the test split itself, so AUC is the evaluated AUC, and the Mann–Whitney AUC of the
        // logged P(bad) against the true labels, computed here from first principles.
        var expected = MannWhitneyAuc(await LoggedScoresAsync(folder), LoggedTraffic.TrueLabels(sample));
        Assert.Equal(expected, v1.Quality["auc"]!.Value, 1e-9);
        Assert.Equal(v1.Evaluated["auc"]!.Value, v1.Quality["auc"]!.Value, 1e-6);
        Assert.All(report.Gates, gate => Assert.Equal("passed", gate.Outcome));
        Assert.Equal("healthy", report.Verdict);
    }

    [Fact]
    public async Task LabelsJoinByTheSpecsIdColumnWhenRequestsCarryIt()
    {
        // Each row carries the client's own loan id (the server ignores fields it does not take, and logs them).
        var rows = sample.TestRows.Select((row, i) =>
        {
            var node = System.Text.Json.Nodes.JsonNode.Parse(row.GetRawText())!.AsObject();
            node["loan_id"] = $"L{i:D5}";
            return System.Text.Json.JsonSerializer.SerializeToElement(node);
        }).ToArray();
        var folder = await LoggedTraffic.LogAsync(sample, rows);
        var root = LoggedTraffic.Root(sample);
        var path = Path.Combine(sample.NewFolder(), "labels.csv");
        // Half the loans are labelled so far, in another order than they were scored.
        var truth = LoggedTraffic.TrueLabels(sample);
        await File.WriteAllLinesAsync(path, ["loan_id,Status", .. Enumerable.Range(0, truth.Count).Where(i => i % 2 == 1).Reverse().Select(i => $"L{i:D5},{truth[i]}")]);
        var labels = await LiveLabels.ReadAsync(root, Path.GetRelativePath(root, path), "Status", idColumn: "loan_id", CancellationToken.None);

        var report = await LoggedTraffic.MonitorAsync(LoggedTraffic.Spec(sample), await LoggedTraffic.ProductionRegistryAsync(sample), folder, labels);

        Assert.Equal(("loan_id", truth.Count / 2L, truth.Count / 2L), (report.Labels!.Key, report.Labels.Rows, report.Labels.Matched));
        var scores = await LoggedScoresAsync(folder);
        var odd = Enumerable.Range(0, truth.Count).Where(i => i % 2 == 1).ToArray();
        Assert.Equal(MannWhitneyAuc([.. odd.Select(i => scores[i])], [.. odd.Select(i => truth[i])]), report.Versions.Single().Quality["auc"]!.Value, 1e-9);
    }

    [Fact]
    public async Task AnEstimateIsReportedAndGatedAsEstimatedMetrics()
    {
        var folder = await LoggedTraffic.LogAsync(sample, sample.TestRows.Take(200).ToArray());
        var spec = LoggedTraffic.Spec(sample, new MonitorSpec { Gates = Gates(s => s, "estimated.accuracy >= evaluated - 0.05") });
        var registry = await LoggedTraffic.ProductionRegistryAsync(sample);
        var now = DateTimeOffset.UtcNow;
        // The simplest honest estimate, as the seam sees one: expected accuracy = mean over rows of the predicted class's probability.
        var request = new MonitorRequest(spec, new LogWindow(now.AddHours(-1), now.AddMinutes(1)), PredictionLogReader.FilesOf(folder), folder, null)
        {
            Estimator = (VersionReference version, out string? whyNot) => { whyNot = null; return new ExpectedAccuracy(); },
        };

        var report = await MonitorRun.RunAsync(request, registry, now, CancellationToken.None);

        var expected = (await LoggedPredictionsAsync(folder)).Average(p => Math.Max(p.Good, p.Bad));
        Assert.Equal(expected, report.Versions.Single().Estimated["accuracy"]!.Value, 1e-6);
        var gate = Assert.Single(report.Gates);
        Assert.NotEqual("not_measured", gate.Outcome);
        Assert.Equal(report.Versions.Single().Evaluated["accuracy"], gate.Evaluated);
    }

    sealed class ExpectedAccuracy : IQualityEstimate
    {
        double _sum;
        long _rows;

        public void Add(System.Text.Json.JsonElement prediction)
        {
            var p = prediction.GetProperty("probabilities");
            _sum += Math.Max(p.GetProperty("good").GetDouble(), p.GetProperty("bad").GetDouble());
            _rows++;
        }

        public IReadOnlyDictionary<string, double?> Result() => new Dictionary<string, double?> { ["accuracy"] = _sum / _rows };
    }

    static async Task<IReadOnlyList<(double Good, double Bad)>> LoggedPredictionsAsync(string folder) =>
        [.. (await File.ReadAllLinesAsync(Path.Combine(folder, LoggedTraffic.Log)))
            .SelectMany(line => System.Text.Json.JsonDocument.Parse(line).RootElement.GetProperty("outputs").EnumerateArray()
                .Select(o => (o.GetProperty("probabilities").GetProperty("good").GetDouble(), o.GetProperty("probabilities").GetProperty("bad").GetDouble())))];

    [Fact]
    public async Task LabelsMatchingNoRequestAreAnErrorWithCounts()
    {
        var folder = await LoggedTraffic.LogAsync(sample, sample.TestRows.Take(100).ToArray());
        var labels = await LabelsAsync([("elsewhere-1", 0, "bad"), ("elsewhere-2", 0, "good"), ("elsewhere-3", 0, "good")]);

        var error = await Assert.ThrowsAsync<TrainyardException>(() =>
            LoggedTraffic.MonitorAsync(LoggedTraffic.Spec(sample), LoggedTraffic.ProductionRegistryAsync(sample).Result, folder, labels));

        Assert.Contains("none of its 3 label(s) matches a request logged between", error.Message);
        Assert.Contains("2 request(s) read, joined by 'request_id'", error.Message);

        // An empty window is "no data", not a labels problem.
        var empty = await LoggedTraffic.MonitorAsync(LoggedTraffic.Spec(sample), await LoggedTraffic.ProductionRegistryAsync(sample), sample.NewFolder(), labels);
        Assert.Equal("no_data", empty.Verdict);
    }

    [Fact]
    public async Task AFailedGateDegradesAndAQualityGateAsksForARetrain()
    {
        var folder = await LoggedTraffic.LogAsync(sample, sample.TestRows);
        var labels = await LabelsAsync(LoggedTraffic.TrueLabels(sample).Select((label, i) => ($"batch-{i / LoggedTraffic.Batch}", i % LoggedTraffic.Batch, label)));
        var spec = LoggedTraffic.Spec(sample, new MonitorSpec
        {
            Gates = Gates(s => s, "auc >= evaluated + 0.5", "p99_latency_ms <= 100000", "psi_score <= 0.2", "estimated.auc >= evaluated - 0.05"),
        });

        var report = await LoggedTraffic.MonitorAsync(spec, await LoggedTraffic.ProductionRegistryAsync(sample), folder, labels);

        Assert.Equal("degraded", report.Verdict);
        Assert.Equal(["failed", "passed", "passed", "not_measured"], report.Gates.Select(g => g.Outcome));
        var auc = report.Gates[0];
        Assert.Equal(auc.Evaluated!.Value + 0.5, auc.Threshold!.Value, 1e-12);
        Assert.True(report.Retrain);
        Assert.Equal([auc.Message], report.RetrainReasons);
        Assert.StartsWith("auc 0.", auc.Message);
        Assert.Contains("(short by", auc.Message);
    }

    [Fact]
    public async Task WithoutLabelsQualityGatesAreNotMeasuredAndDoNotFail()
    {
        var folder = await LoggedTraffic.LogAsync(sample, sample.TestRows.Take(200).ToArray());
        var spec = LoggedTraffic.Spec(sample, new MonitorSpec { Gates = Gates(s => s, "auc >= evaluated - 0.05") });

        var report = await LoggedTraffic.MonitorAsync(spec, await LoggedTraffic.ProductionRegistryAsync(sample), folder);

        var gate = Assert.Single(report.Gates);
        Assert.Equal("not_measured", gate.Outcome);
        Assert.Contains("--labels", gate.Message);
        Assert.Equal("healthy", report.Verdict);
    }

    [Fact]
    public async Task AnEmptyLogIsNoData()
    {
        var registry = await LoggedTraffic.ProductionRegistryAsync(sample);
        var report = await LoggedTraffic.MonitorAsync(LoggedTraffic.Spec(sample), registry, sample.NewFolder());

        Assert.Equal("no_data", report.Verdict);
        Assert.Equal(0, report.Predictions);
        Assert.StartsWith("no predictions logged between ", report.Summary);
        Assert.False(report.Retrain);
    }

    [Fact]
    public async Task FewerRowsThanMinRowsIsNoData()
    {
        var folder = await LoggedTraffic.LogAsync(sample, sample.TestRows.Take(60).ToArray());
        var spec = LoggedTraffic.Spec(sample, new MonitorSpec { MinRows = 500, Gates = Gates(s => s, "p99_latency_ms <= 0.000001") });

        var report = await LoggedTraffic.MonitorAsync(spec, await LoggedTraffic.ProductionRegistryAsync(sample), folder);

        Assert.Equal("no_data", report.Verdict);
        Assert.Contains("only 60 prediction(s) logged between", report.Summary);
        Assert.Empty(report.Gates); // too little to judge: no gate runs
    }

    [Fact]
    public async Task AGateOnAFigureMonitorDoesNotMeasureIsAnError()
    {
        var spec = LoggedTraffic.Spec(sample, new MonitorSpec { Gates = Gates(s => s, "acu >= evaluated - 0.05") });
        var error = await Assert.ThrowsAsync<TrainyardException>(async () =>
            await LoggedTraffic.MonitorAsync(spec, await LoggedTraffic.ProductionRegistryAsync(sample), sample.NewFolder()));
        Assert.Contains("'acu' is not a figure Monitor measures", error.Message);
        Assert.Contains("closest: auc", error.Message);
    }

    static IReadOnlyList<GateRule> Gates(Func<string, string> _, params string[] lines) =>
        [.. lines.Select(line => GateExpression.Parse(line, new SourceLocation("spec.yml", 1), MonitorReader.Grammar))];

    async Task<LiveLabels> LabelsAsync(IEnumerable<(string RequestId, int Row, string Status)> labels)
    {
        var root = LoggedTraffic.Root(sample);
        var path = Path.Combine(sample.NewFolder(), "labels.csv");
        var csv = new StringBuilder("request_id,row,Status\n");
        foreach (var (id, row, status) in labels) csv.Append($"{id},{row},{status}\n");
        await File.WriteAllTextAsync(path, csv.ToString());
        return await LiveLabels.ReadAsync(root, Path.GetRelativePath(root, path), "Status", idColumn: null, CancellationToken.None);
    }

    /// <summary>P(bad) of every logged row, in log order (the rows' order).</summary>
    static async Task<IReadOnlyList<double>> LoggedScoresAsync(string folder) =>
        [.. (await File.ReadAllLinesAsync(Path.Combine(folder, LoggedTraffic.Log)))
            .SelectMany(line => System.Text.Json.JsonDocument.Parse(line).RootElement.GetProperty("outputs").EnumerateArray()
                .Select(o => o.GetProperty("probabilities").GetProperty("bad").GetDouble()))];

    /// <summary>AUC as the Mann–Whitney U statistic over all (bad, good) pairs, a tie counting one half.</summary>
    static double MannWhitneyAuc(IReadOnlyList<double> scores, IReadOnlyList<string> labels)
    {
        var bad = scores.Where((_, i) => labels[i] == "bad").ToArray();
        var good = scores.Where((_, i) => labels[i] == "good").ToArray();
        double wins = 0;
        foreach (var b in bad)
            foreach (var g in good)
                wins += b > g ? 1 : b == g ? 0.5 : 0;
        return wins / ((double)bad.Length * good.Length);
    }
}
