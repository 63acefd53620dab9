using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text.Json;
using Trainyard.Artifacts.Monitoring;
using Trainyard.Components;
using Trainyard.Deploy;
using Trainyard.Registry;
using Trainyard.Targets;
using Trainyard.Tests.Components;
using Trainyard.Tests.Docker;
using Trainyard.Tests.Monitoring;
using Trainyard.Tests.Targets;

namespace Trainyard.Tests.Deploy;

/// <summary>
/// The continuous-training loop with real parts (docs/retrain.md, "End to end"): v1 in production behind the gateway
/// on the private engine, its server logging predictions to a bind-mounted folder; traffic through the gateway;
/// then <c>Retrain</c> — Monitor copies the log out of the running server and judges it, and only when it finds
/// drift does the chain train, gate against production, package, containerize and canary-deploy the new version.
/// The sample's data path is a pattern (<c>data/credit_data*.csv</c>), so the refresh is a new dated file beside it.
/// </summary>
[Collection(DockerEngineCollection.Name)]
public sealed class RetrainEndToEnd(PrivateDockerEngine docker, DeploySample sample)
{
    static readonly string[] Chain = ["ValidateData", "Train", "Evaluate", "Package", "Containerize", "CanaryDeploy"];
    const string Refreshed = "data/credit_data_2026-12.csv";
    const string Pattern = "path: data/credit_data*.csv";

    /// <summary>Applicants older and earning more than the training data: Age + 10 years (std 11), Income + 60 (std 81), capped at the schema's 959.</summary>
    static readonly (string Column, Func<double, double> Shift)[] Shifts = [("Age", x => x + 10), ("Income", x => Math.Min(x + 60, 959))];

    [Fact]
    public async Task DriftOnTwoInputsRetrainsAndTheNewVersionIsPromotedThroughTheCanary()
    {
        var logs = await StartWithV1InProductionAsync(retrains: true);
        try
        {
            var shifted = LoggedTraffic.Shifted(sample.Rows, Shifts);
            await SendOnceAsync(shifted, logs);
            WriteRefreshedData();
            var before = await VersionsAsync();

            // The canary's steps are judged on live traffic: the shifted stream starts when the candidate does.
            var retrain = sample.Repository.RunAsync(new RetrainBuild(), Args());
            await WaitForAsync(() => sample.Repository.Output.Contains("Starting v", StringComparison.Ordinal) || retrain.IsCompleted);
            await using var load = new SteadyLoad(sample.Gateway, shifted, 300);
            var result = await retrain;
            await load.StopAsync();

            Assert.True(result.ExitCode == 0, sample.Repository.Output);
            var monitorJson = Path.Combine(sample.Repository.Root, "artifacts/credit-risk/monitor.json");
            var report = await MonitorReport.ReadAsync(monitorJson);
            Assert.Equal(("v1", true, shifted.Count), (report.ProductionVersion, report.Retrain, (int)report.Predictions));
            Assert.StartsWith("trainyard-credit-risk-v1 on ", report.LogSource); // copied out of the running server
            Assert.Equal(["Age", "Income"], report.DriftedColumns.Order());
            var trigger = $"drift({string.Join(", ", report.DriftedColumns)})";
            Assert.Equal([trigger], report.RetrainReasons);
            var digest = "sha256:" + Convert.ToHexStringLower(SHA256.HashData(await File.ReadAllBytesAsync(monitorJson)));
            foreach (var target in Chain) Assert.Equal(TargetStatus.Succeeded, result.Of(target).Status);

            var v2 = await sample.WithRegistryAsync(r => r.FindAsync(AliasName.Production, CancellationToken.None));
            Assert.NotNull(v2);
            Assert.DoesNotContain(v2.Tag, before);
            Assert.Equal([.. before, v2.Tag], await VersionsAsync());
            Assert.Equal((trigger, digest), (v2.Metadata.Lineage.Trigger, v2.Metadata.Lineage.TriggerReport));
            Assert.Contains("Baseline: credit-risk:v1 (production)", sample.Repository.Output);
            Assert.Contains("score_psi is not checked in this deploy: Retrain deploys a model trained on drifted data", sample.Repository.Output.Replace("\n", ""));
            var routes = await sample.RoutesAsync();
            Assert.Equal((v2.Tag, null), (routes.Stable?.Version, routes.Canary));
            var deployment = (await sample.WithRegistryAsync(r => r.ReadDeploymentsAsync(CancellationToken.None)))[^1];
            Assert.Equal(("canary", v2.Tag, "v1", "promoted"), (deployment.Kind, deployment.Version, deployment.FromVersion, deployment.Outcome));
            Assert.Empty(load.Failures);
            Assert.True(load.ServedBy(v2.Tag) > 0 && load.ServedBy("v1") > 0, load.ToString());
            Console.WriteLine($"retrained {v2.Tag} ({trigger}) and promoted it: {load}");
        }
        finally { await CleanUpAsync(retrained: true); }
    }

    [Fact]
    public async Task TrafficLikeTrainingIsHealthyAndNothingIsRetrained()
    {
        var logs = await StartWithV1InProductionAsync(retrains: false);
        try
        {
            await SendOnceAsync(sample.Rows, logs);
            WriteRefreshedData(); // new data alone does not make a retrain: Monitor decides
            var before = await VersionsAsync();

            var result = await sample.Repository.RunAsync(new RetrainBuild(), Args());

            Assert.True(result.ExitCode == 0, sample.Repository.Output);
            var report = await MonitorReport.ReadAsync(Path.Combine(sample.Repository.Root, "artifacts/credit-risk/monitor.json"));
            Assert.Equal(("v1", "healthy", false, sample.Rows.Count), (report.ProductionVersion, report.Verdict, report.Retrain, (int)report.Predictions));
            Assert.Empty(report.DriftedColumns);
            Assert.Contains("Nothing to retrain: Monitor's verdict on production (v1) is healthy", sample.Repository.Output);
            foreach (var target in Chain)
                Assert.Equal((TargetStatus.Skipped, IHazTrigger.NothingToRetrain), (result.Of(target).Status, result.Of(target).Reason));
            Assert.Equal(before, await VersionsAsync());
            Assert.Equal("v1", (await sample.WithRegistryAsync(r => r.FindAsync(AliasName.Production, CancellationToken.None)))?.Tag);
            Assert.Equal(("v1", null), ((await sample.RoutesAsync()).Stable?.Version, (await sample.RoutesAsync()).Canary));
        }
        finally { await CleanUpAsync(retrained: false); }
    }

    string[] Args() => ["Retrain", "--docker-host", docker.Engine.Host.Address, "--base-image", sample.BaseImage,
        "--serving-project", Trainyard.Tests.Containers.ContainerizedSample.ServingProject];

    /// <summary>
    /// v1 alone behind the gateway, its server logging to a new folder (returned), the data path a pattern. The
    /// sample is the deploy tests' too (one per Docker collection): <see cref="CleanUpAsync"/> puts back what they
    /// expect. A test that retrains starts from v1's spec (seed, the sample's release gates), which a deploy test
    /// run before it may have changed for its candidate.
    /// </summary>
    async Task<string> StartWithV1InProductionAsync(bool retrains)
    {
        await sample.EnsureAsync(docker);
        if (retrains) await sample.BuildAsync(docker, Candidate.Baseline);
        sample.ChangeSpec(spec => spec.Replace("path: data/credit_data.csv", Pattern));
        var logs = Path.Combine(sample.Repository.Root, "prediction-logs-" + Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(logs);
        if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(logs, (UnixFileMode)0b111_111_111); // the image's user (uid 1654) writes there
        // score_psi's bound far below what two samples of 40 differ by from chance alone: a deploy that judged it would
        // abort. Retrain leaves it out (a retrained model's scores are meant to differ from stable's).
        sample.WriteDeploy(sample.DeploySection($"  prediction_log: {logs}\n").Replace("score_psi <= 0.35", "score_psi <= 0.01", StringComparison.Ordinal));
        await sample.ResetAsync(docker);
        return logs;
    }

    /// <summary>The sample's data and spec as they were, v1 in production again, and the artifacts folder not taken for the last candidate built.</summary>
    async Task CleanUpAsync(bool retrained)
    {
        File.Delete(Path.Combine(sample.Repository.Root, Refreshed));
        sample.ChangeSpec(spec => spec.Replace(Pattern, "path: data/credit_data.csv"));
        sample.WriteDeploy(sample.DeploySection());
        if (retrained) sample.Forget();
        await sample.ResetAsync(docker);
    }

    /// <summary>Every row once through the gateway (bounded, loopback), then waits until v1's log holds a line for each.</summary>
    async Task SendOnceAsync(IReadOnlyList<JsonElement> rows, string logs)
    {
        using var http = new HttpClient { BaseAddress = sample.Gateway };
        await Parallel.ForEachAsync(rows, new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (row, ct) =>
        {
            using var answer = await http.PostAsJsonAsync("/v1/predict", row, ct);
            Assert.True(answer.IsSuccessStatusCode, $"{(int)answer.StatusCode}: {await answer.Content.ReadAsStringAsync(ct)}");
        });
        // The server writes its log off the request path.
        var log = Path.Combine(logs, "credit-risk-v1.jsonl");
        await WaitForAsync(() => File.Exists(log) && File.ReadLines(log).Count() >= rows.Count);
        Assert.Equal(rows.Count, File.ReadLines(log).Count());
    }

    /// <summary>This month's applicants: every row of the sample again, shifted as the traffic is.</summary>
    void WriteRefreshedData()
    {
        var lines = sample.Repository.ReadLines("data/credit_data.csv");
        var header = lines[0].Split(',');
        var columns = Shifts.Select(s => (Index: Array.IndexOf(header, $"\"{s.Column}\""), s.Shift)).ToList();
        sample.Repository.WriteLines(Refreshed, lines.Take(1).Concat(lines.Skip(1).Select(line =>
        {
            var fields = line.Split(',');
            foreach (var (index, shift) in columns)
                if (fields[index].Length > 0)
                    fields[index] = shift(double.Parse(fields[index], System.Globalization.CultureInfo.InvariantCulture)).ToString(System.Globalization.CultureInfo.InvariantCulture);
            return string.Join(',', fields);
        })));
    }

    Task<IReadOnlyList<string>> VersionsAsync() =>
        sample.WithRegistryAsync<IReadOnlyList<string>>(async r => [.. (await r.ListAsync(CancellationToken.None)).Select(v => v.Tag)]);

    static async Task WaitForAsync(Func<bool> condition)
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (!condition() && DateTime.UtcNow < deadline) await Task.Delay(100);
    }
}
