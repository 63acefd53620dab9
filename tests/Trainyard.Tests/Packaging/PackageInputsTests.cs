using System.Globalization;
using System.Security.Cryptography;
using Trainyard.Artifacts;
using Trainyard.IO;
using Trainyard.Packaging;
using Trainyard.Reporting;
using Trainyard.Runtime.Packaging;

namespace Trainyard.Tests.Packaging;

/// <summary>The package built from what ValidateData, Train and Evaluate wrote for the credit-risk sample.</summary>
public sealed class PackageInputsTests(EvaluatedSample sample) : IClassFixture<EvaluatedSample>
{
    const string Artifacts = "artifacts/credit-risk";

    Task<ModelPackage> ReadAsync(IReadOnlyDictionary<string, string>? environment = null) =>
        PackageInputs.ReadAsync(sample.Spec, sample.Root, Artifacts, environment ?? new Dictionary<string, string>(), CancellationToken.None);

    [Fact]
    public async Task LineageHoldsTheDataFilesSha256AndTheRunsFingerprints()
    {
        var package = await ReadAsync();

        var data = package.Metadata.Lineage.Data!;
        Assert.Equal("data/credit_data.csv", data.Path);
        Assert.Equal(ContentHash.OfFile(Path.Combine(sample.Root, "data/credit_data.csv")), data.Sha256);
        Assert.Equal(4454, data.Rows);
        Assert.Equal(["test", "train", "validation"], data.Splits.Keys.Order());
        Assert.Equal(4454, data.Splits.Values.Sum(s => s.Rows));   // no row of the sample lacks its label
        var lineage = package.Metadata.Lineage;
        Assert.Equal(ContentHash.OfFile(Path.Combine(sample.Root, "pipelines/credit-risk.yml")), lineage.SpecSha256);
        Assert.Equal("42", lineage.Parameters["seed"]);
        Assert.Equal("4", lineage.Parameters["xgboost.max_depth"]);
        Assert.Contains("xgboost", lineage.Versions.Keys);
        Assert.Contains("dotnet", lineage.Versions.Keys);
        Assert.Equal(Environment.MachineName, lineage.Built?.Host);
        Assert.Null(lineage.Built?.CiRunUrl);
    }

    [Fact]
    public async Task TheScoreDecilesAreNumpysQuantilesOfThePositiveClassProbabilityInPredictionsCsv()
    {
        var package = await ReadAsync();

        // First principles, not Trainyard's Quantiles: the positive class is the last probability column (binary lists
        // the negative first), and numpy.quantile's default ("linear") method is, over the sorted scores x,
        // h = (n − 1)·q, x[⌊h⌋] + (h − ⌊h⌋)·(x[⌊h⌋ + 1] − x[⌊h⌋]). (Checked once against numpy 1.24.2's np.quantile on
        // this sample's 891 test scores: equal to the last digit.)
        var lines = File.ReadAllLines(Path.Combine(sample.Root, Artifacts, "predictions.csv"));
        Assert.Equal("line,label,prediction,probability_good,probability_bad", lines[0]);
        var x = lines.Skip(1).Where(l => l.Length > 0).Select(l => double.Parse(l.Split(',')[4], CultureInfo.InvariantCulture)).Order().ToArray();
        var expected = Enumerable.Range(1, 9).Select(k =>
        {
            var h = (x.Length - 1) * (k / 10.0);
            var lo = (int)Math.Floor(h);
            return lo + 1 < x.Length ? x[lo] + (h - lo) * (x[lo + 1] - x[lo]) : x[lo];
        }).ToArray();

        var deciles = package.Metadata.ScoreDeciles;
        Assert.NotNull(deciles);
        Assert.Equal(9, deciles.Count);
        for (var k = 0; k < 9; k++) Assert.Equal(expected[k], deciles[k], 1e-12);
        // They travel in the config blob, so a server reading the package gets them back.
        Assert.Equal(deciles, ModelPackage.Unpack(package.Pack(), "test").Metadata.ScoreDeciles);
    }

    [Fact]
    public async Task TheTestSplitsCalibrationOfThePositiveClassTravelsInTheMetadata()
    {
        var package = await ReadAsync();

        // The isotonic fit of P(bad) against "is bad" over predictions.csv's rows, as Monitor's estimate applies it.
        var lines = File.ReadAllLines(Path.Combine(sample.Root, Artifacts, "predictions.csv")).Skip(1).Where(l => l.Length > 0).Select(l => l.Split(',')).ToArray();
        var expected = Trainyard.Monitoring.Estimation.IsotonicCalibration.Fit(
            [.. lines.Select(c => double.Parse(c[4], CultureInfo.InvariantCulture))], [.. lines.Select(c => c[1] == "bad" ? 1 : 0)]).Thresholds;
        var calibration = Assert.Single(package.Metadata.Calibration!);
        Assert.Equal("bad", calibration.Class);
        Assert.Equal(expected.X, calibration.X);
        Assert.Equal(expected.Y, calibration.Y);
        Assert.InRange(calibration.X.Count, 2, 200);   // a few dozen steps: small enough for the config blob
        Assert.True(calibration.Y.Zip(calibration.Y.Skip(1)).All(p => p.First <= p.Second), "an isotonic fit never decreases");

        // Read back bit for bit from the config blob; a package made before calibrations existed has none and reads as before.
        var unpacked = ModelPackage.Unpack(package.Pack(), "test").Metadata.Calibration!.Single();
        Assert.Equal(calibration.X, unpacked.X);
        Assert.Equal(calibration.Y, unpacked.Y);
        var older = package with { Metadata = package.Metadata with { Calibration = null } };
        Assert.Contains("\"calibration\"", System.Text.Encoding.UTF8.GetString(package.Pack().Config.Content.Span));
        Assert.DoesNotContain("\"calibration\"", System.Text.Encoding.UTF8.GetString(older.Pack().Config.Content.Span));
        Assert.Null(ModelPackage.Unpack(older.Pack(), "test").Metadata.Calibration);
    }

    [Fact]
    public async Task TheContentKeyIsEqualAcrossTwoReadsOfTheSameArtifacts()
    {
        var first = await ReadAsync();
        var second = await ReadAsync();

        Assert.Equal(first.Metadata.ContentKey, second.Metadata.ContentKey);
        Assert.Matches("^[0-9a-f]{64}$", first.Metadata.ContentKey);
    }

    [Fact]
    public async Task ThePackageHoldsEveryFileAndSurvivesPackingAndUnpacking()
    {
        var package = await ReadAsync();

        var unpacked = ModelPackage.Unpack(package.Pack(), "test");

        Assert.Equal(["example.json", "featurizer.json", "metrics.json", "model.json", "profile.json", "signature.json"], unpacked.Files.Keys.Order());
        Assert.True(unpacked.File("model.json").Span.SequenceEqual(File.ReadAllBytes(Path.Combine(sample.Root, Artifacts, "model.json"))));
        Assert.True(unpacked.File("profile.json").Span.SequenceEqual(File.ReadAllBytes(Path.Combine(sample.Root, Artifacts, "profile.json"))));
        Assert.Equal(package.Pack().Digest, unpacked.Pack().Digest);
        Assert.Equal("credit-risk", unpacked.Metadata.Name);
        Assert.Equal("binary", unpacked.Metadata.Task);
        Assert.True(unpacked.Metadata.GatesPassed);
    }

    [Fact]
    public async Task HeadlineMetricsAreTheTasksTestMetricsFromMetricsJson()
    {
        var package = await ReadAsync();
        var report = await Trainyard.Artifacts.Metrics.MetricsJson.ReadAsync(Path.Combine(sample.Root, Artifacts, "metrics.json"));

        Assert.Equal(report.Binary!.Auc, package.Metadata.Metrics["auc"]);
        Assert.Equal(report.Binary.F1, package.Metadata.Metrics["f1"]);
        Assert.DoesNotContain("p95_latency_ms", package.Metadata.Metrics.Keys);
    }

    [Fact]
    public async Task TheExampleOutputsAreThePredictionsTrainWroteForTheSameTestRows()
    {
        var example = (await ReadAsync()).ReadExample();
        var predictions = await PredictionsFile.ReadAsync(Path.Combine(sample.Root, Artifacts, "predictions.csv"), CancellationToken.None);
        var byLine = predictions.Rows.ToDictionary(r => r[0]);

        // predictions.csv: line,label,prediction,probability_good,probability_bad — scored by Train through the
        // featurizer's column path; example.json went through the row path a server uses. They must agree exactly.
        Assert.Equal(5, example.Outputs.Count);
        Assert.Equal(["bad", "good"], example.DataRows!.Select(line => byLine[line][1]).Distinct().Order());   // both classes are shown
        for (var i = 0; i < example.Outputs.Count; i++)
        {
            var expected = byLine[example.DataRows![i]];
            Assert.Equal(expected[2], example.Outputs[i].Label);
            Assert.Equal(float.Parse(expected[4], CultureInfo.InvariantCulture), example.Outputs[i].Probabilities!["bad"]);
        }
    }

    [Fact]
    public async Task TheExampleRowsAreTheDataFileRowsTheyCameFrom()
    {
        var example = (await ReadAsync()).ReadExample();
        var lines = await File.ReadAllLinesAsync(Path.Combine(sample.Root, "data/credit_data.csv"));
        string[] Fields(string line) => [.. line.Split(',').Select(f => f.Trim('"'))];   // no field of the sample holds a comma
        var header = Fields(lines[0]);

        for (var i = 0; i < example.Inputs.Count; i++)
        {
            var fields = Fields(lines[int.Parse(example.DataRows![i], CultureInfo.InvariantCulture) - 1]);
            var row = example.Inputs[i];
            var home = fields[Array.IndexOf(header, "Home")];
            Assert.Equal(home.Length == 0 ? null : home, row.GetProperty("Home").GetString());   // an empty field is a missing value: null
            Assert.Equal(double.Parse(fields[Array.IndexOf(header, "Age")], CultureInfo.InvariantCulture), row.GetProperty("Age").GetDouble());
            Assert.False(row.TryGetProperty("Status", out _));   // the label is what the model predicts, not an input
        }
    }

    [Fact]
    public async Task TheSignatureMarksColumnsTheSchemaNeverAllowsMissingAsRequired()
    {
        var signature = (await ReadAsync()).ReadSignature();

        // pipelines/credit-risk.schema.yml: max_null_rate 0 for these, above 0 for Home, Marital, Job, Income, Assets, Debt.
        Assert.Equal(["Seniority", "Time", "Age", "Records", "Expenses", "Amount", "Price"], signature.Inputs.Where(i => i.Required).Select(i => i.Name));
        Assert.Equal("bad", signature.Output.PositiveClass);
    }

    [Fact]
    public async Task TheCiRunPageAndActorComeFromGitHubsVariables()
    {
        var package = await ReadAsync(new Dictionary<string, string>
        {
            ["GITHUB_SERVER_URL"] = "https://github.com", ["GITHUB_REPOSITORY"] = "acme/credit", ["GITHUB_RUN_ID"] = "123456", ["GITHUB_ACTOR"] = "octocat",
        });

        Assert.Equal(new BuildOrigin("octocat", Environment.MachineName, "https://github.com/acme/credit/actions/runs/123456"), package.Metadata.Lineage.Built);
    }

    [Fact]
    public async Task ADamagedModelFileIsABuildErrorNamingItNotAStackTrace()
    {
        using var copy = new RootCopy(sample.Root);
        await File.WriteAllTextAsync(Path.Combine(copy.Root, Artifacts, "model.json"), "{\"learner\": 1}");

        var error = await Assert.ThrowsAsync<TrainyardException>(() =>
            PackageInputs.ReadAsync(sample.Spec, copy.Root, Artifacts, new Dictionary<string, string>(), CancellationToken.None));

        Assert.StartsWith("Cannot package credit-risk: artifacts/credit-risk/model.json", error.Message);
        Assert.IsType<Trainyard.Runtime.ModelFormatException>(error.InnerException);
    }

    [Fact]
    public async Task DataChangedAfterTrainingIsRefusedUntilTheModelIsRetrained()
    {
        using var copy = new RootCopy(sample.Root);
        var lines = await File.ReadAllLinesAsync(Path.Combine(copy.Root, "data/credit_data.csv"));
        lines[1] = lines[1].Replace(",\"rent\",", ",\"owner\",");
        await File.WriteAllLinesAsync(Path.Combine(copy.Root, "data/credit_data.csv"), lines);

        var error = await Assert.ThrowsAsync<TrainyardException>(() =>
            PackageInputs.ReadAsync(sample.Spec, copy.Root, Artifacts, new Dictionary<string, string>(), CancellationToken.None));

        Assert.Contains("data/credit_data.csv changed since the model was trained", error.Message);
        Assert.Contains("run Evaluate again", error.Message);
    }

    /// <summary>A throwaway copy of the evaluated sample, for tests that damage it.</summary>
    sealed class RootCopy : IDisposable
    {
        public RootCopy(string source)
        {
            foreach (var file in Directory.GetFiles(source, "*", SearchOption.AllDirectories))
            {
                var target = Path.Combine(Root, Path.GetRelativePath(source, file));
                Directory.CreateDirectory(Path.GetDirectoryName(target)!);
                File.Copy(file, target);
            }
        }

        public string Root { get; } = Path.Combine(Path.GetTempPath(), "trainyard-package-" + Guid.NewGuid().ToString("N"));

        public void Dispose() => Directory.Delete(Root, recursive: true);
    }
}
