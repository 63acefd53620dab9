using Trainyard.Data.Drift;
using Trainyard.Runtime.Drift;

namespace Trainyard.Tests.Data.Drift;

public class DriftDetectorTests
{
    private static NumericDriftColumn Numeric(string name, IEnumerable<double> reference, IEnumerable<double> current) =>
        new(name, new ExactDistribution(reference), new ExactDistribution(current));

    private static CategoricalDriftColumn Categorical(string name, (string, long)[] reference, (string, long)[] current) =>
        new(name, Counts(reference), Counts(current));

    private static CategoryCounts Counts((string Category, long Count)[] counts) =>
        new(counts.ToDictionary(c => c.Category, c => c.Count));

    private static readonly (string, long)[] Colors = [("red", 400), ("green", 300), ("blue", 200), ("white", 100)];

    private static (string, long)[] Times((string Category, long Count)[] counts, long factor) =>
        counts.Select(c => (c.Category, c.Count * factor)).ToArray();

    [Fact]
    public void ReferenceOfAtMost1000ValuesIsJudgedByTestsAndLargerByDistances()
    {
        var result = DriftDetector.Compare(
        [
            Numeric("small numeric", Samples.Normals(1, 1000), Samples.Normals(2, 200)),
            Numeric("large numeric", Samples.Normals(1, 1001), Samples.Normals(2, 200)),
            Categorical("small categorical", Colors, Colors),
            Categorical("large categorical", [.. Colors, ("black", 1)], Colors),
        ]);

        Assert.Equal(
            [DriftMethod.KolmogorovSmirnov, DriftMethod.Wasserstein, DriftMethod.ChiSquared, DriftMethod.JensenShannon],
            result.Columns.Select(c => c.Method));
        Assert.Equal([0.05, 0.1, 0.05, 0.1], result.Columns.Select(c => c.Threshold!.Value));
    }

    [Theory]
    [InlineData(500)]   // Kolmogorov–Smirnov
    [InlineData(5000)]  // Wasserstein normed
    public void ColumnScaledByOneAndAHalfDriftsWhileUnchangedColumnDoesNot(int n)
    {
        var reference = Samples.Normals(11, n);
        var result = DriftDetector.Compare(
        [
            Numeric("scaled", reference, Samples.Normals(12, n).Select(v => v * 1.5)),
            Numeric("unchanged", reference, Samples.Normals(13, n)),
        ]);

        Assert.Equal(DriftVerdict.Drifted, result.Columns[0].Verdict);
        Assert.Equal(DriftVerdict.NotDrifted, result.Columns[1].Verdict);
        // Every judged column carries a test and effect sizes, whichever method decided.
        Assert.All(result.Columns, c => Assert.NotNull(c.Test?.PValue));
        Assert.True(result.Columns[0].Effects!.WassersteinNormed > 0.3);
        // At n = 500 sampling noise alone gives about 0.1 (0.115 here), one reason small references use a test.
        Assert.True(result.Columns[1].Effects!.WassersteinNormed < result.Columns[0].Effects!.WassersteinNormed / 3);
        Assert.Equal(DriftVerdict.Drifted, result.Verdict); // 1 of 2 ≥ 0.5
    }

    [Theory]
    [InlineData(1)]   // 1000 values: chi-squared
    [InlineData(10)]  // 10000 values: Jensen–Shannon
    public void DoublingOneCategorysShareDrifts(long factor)
    {
        // white: 10% → 20%, the other colors shrink in proportion.
        (string, long)[] doubled = [("red", 356), ("green", 267), ("blue", 177), ("white", 200)];
        var result = DriftDetector.Compare(
        [
            Categorical("doubled", Times(Colors, factor), doubled),
            Categorical("same", Times(Colors, factor), Colors),
        ]);

        Assert.Equal(DriftVerdict.Drifted, result.Columns[0].Verdict);
        Assert.Equal(DriftVerdict.NotDrifted, result.Columns[1].Verdict);
        Assert.True(result.Columns[0].Effects!.Psi > 0.05);
        Assert.Null(result.Columns[0].Effects!.WassersteinNormed);
    }

    [Fact]
    public void TooSmallSampleIsNotJudgedAndSaysWhy()
    {
        var result = DriftDetector.Compare(
        [
            Numeric("tiny current", Samples.Normals(1, 200), Samples.Normals(2, 12)),
            Categorical("tiny reference", [("a", 10), ("b", 10)], [("a", 500), ("b", 5)]),
        ]);

        Assert.All(result.Columns, c => Assert.Equal(DriftVerdict.NotJudged, c.Verdict));
        Assert.Equal("sample too small (current n=12 < 30)", result.Columns[0].Reason);
        Assert.Equal("sample too small (reference n=20 < 30)", result.Columns[1].Reason);
        Assert.Null(result.Columns[0].Test);
        Assert.Equal(DriftVerdict.NotJudged, result.Verdict);
        Assert.Null(result.ShareDrifted);
    }

    [Fact]
    public void CorrectionTurnsABorderlineDriftIntoNoDrift()
    {
        // Uniform grids shifted by 0.12: D = 0.12, raw p ≈ 0.024; four identical columns have p = 1.
        var grid = Enumerable.Range(0, 300).Select(i => (i + 0.5) / 300).ToArray();
        DriftColumn[] columns =
        [
            Numeric("borderline", grid, grid.Select(v => v + 0.12)),
            .. Enumerable.Range(1, 4).Select(i => Numeric($"same {i}", grid, grid)),
        ];

        var raw = DriftDetector.Compare(columns, new DriftOptions { Correction = PValueCorrectionMethod.None });
        var holm = DriftDetector.Compare(columns);

        var p = raw.Columns[0].Test!.PValue;
        Assert.InRange(p, 0.01, 0.05);
        Assert.Equal(DriftVerdict.Drifted, raw.Columns[0].Verdict);
        Assert.Equal(DriftVerdict.NotDrifted, holm.Columns[0].Verdict);
        Assert.Equal(5 * p, holm.Columns[0].Test!.CorrectedPValue!.Value, 1e-15);
        Assert.StartsWith("Kolmogorov–Smirnov Holm corrected p-value", holm.Columns[0].Reason);
    }

    [Fact]
    public void SameInputGivesTheSameResultWhateverTheCategoryOrder()
    {
        (string, long)[] current = [("white", 130), ("blue", 190), ("green", 310), ("red", 370), ("new", 3)];
        DriftColumn[] Columns((string, long)[] cur) =>
        [
            Numeric("x", Samples.Normals(5, 3000), Samples.Normals(6, 2000, 0.05)),
            Categorical("color", Colors, cur),
        ];

        var first = DriftDetector.Compare(Columns(current));
        var second = DriftDetector.Compare(Columns(current.Reverse().ToArray()));

        Assert.Equal(first.Columns, second.Columns);
        Assert.Equal(first with { Columns = [] }, second with { Columns = [] });
    }

    [Fact]
    public void ColumnOverridesChooseMethodThresholdAndIgnore()
    {
        var reference = Samples.Normals(11, 500);
        var options = new DriftOptions
        {
            Columns = new Dictionary<string, ColumnDriftOptions>
            {
                ["psi"] = new(Method: DriftMethod.Psi),
                ["lenient"] = new(Threshold: 1e-6),
                ["skipped"] = new(Ignore: true),
            },
        };

        var result = DriftDetector.Compare(
        [
            Numeric("psi", reference, Samples.Normals(12, 500).Select(v => v * 1.5)),
            Numeric("lenient", reference, Samples.Normals(12, 500).Select(v => v * 1.5)),
            Numeric("skipped", reference, Samples.Normals(12, 500).Select(v => v * 1.5)),
        ], options);

        Assert.Equal(DriftMethod.Psi, result.Columns[0].Method);
        Assert.Equal(0.2, result.Columns[0].Threshold);
        Assert.Equal(result.Columns[0].Effects!.Psi, result.Columns[0].Score);
        Assert.Equal(DriftVerdict.NotDrifted, result.Columns[1].Verdict);
        Assert.Equal(DriftVerdict.NotJudged, result.Columns[2].Verdict);
        Assert.Equal("ignored by configuration", result.Columns[2].Reason);
        Assert.Equal(2, result.JudgedCount);
    }

    [Fact]
    public void DatasetDriftsWhenTheConfiguredShareOfJudgedColumnsDrifts()
    {
        var reference = Samples.Normals(11, 500);
        DriftColumn[] columns =
        [
            Numeric("scaled", reference, Samples.Normals(12, 500).Select(v => v * 1.5)),
            Numeric("same a", reference, Samples.Normals(13, 500)),
            Numeric("same b", reference, Samples.Normals(14, 500)),
        ];

        var half = DriftDetector.Compare(columns);
        var third = DriftDetector.Compare(columns, new DriftOptions { DatasetDriftShare = 0.3, Severity = DriftSeverity.Error });

        Assert.Equal(1.0 / 3, half.ShareDrifted!.Value, 1e-15);
        Assert.Equal(DriftVerdict.NotDrifted, half.Verdict);
        Assert.Equal(DriftVerdict.Drifted, third.Verdict);
        Assert.Equal(DriftSeverity.Error, third.Severity);
        Assert.Equal("1 of 3 judged columns drifted (33.3%; threshold 30%)", third.Reason);
    }

    [Fact]
    public void MethodThatDoesNotFitTheColumnKindIsRejected()
    {
        var options = new DriftOptions { Columns = new Dictionary<string, ColumnDriftOptions> { ["color"] = new(DriftMethod.Wasserstein) } };
        var error = Assert.Throws<TrainyardException>(() => DriftDetector.Compare([Categorical("color", Colors, Colors)], options));
        Assert.Contains("'color' is categorical", error.Message);
    }

    [Fact]
    public void OverrideForAnUnknownColumnIsRejected()
    {
        var options = new DriftOptions { Columns = new Dictionary<string, ColumnDriftOptions> { ["colour"] = new(Ignore: true) } };
        var error = Assert.Throws<TrainyardException>(() => DriftDetector.Compare([Categorical("color", Colors, Colors)], options));
        Assert.Contains("'colour'", error.Message);
    }
}
