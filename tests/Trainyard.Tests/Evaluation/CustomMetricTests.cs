using Trainyard.Artifacts.Metrics;
using Trainyard.Evaluation;
using Trainyard.Pipelines;
using Trainyard.Reporting;
using static Trainyard.Tests.Evaluation.Reports;

namespace Trainyard.Tests.Evaluation;

public sealed class CustomMetricTests
{
    static MetricsReport WithAmountRecall(MetricsReport report, double? value) => report with
    {
        Custom = [new CustomMetricValue("amount_recall", "Bad-loan amount flagged", MetricDirection.HigherIsBetter, value,
            value is null ? "no bad loans" : null)],
    };

    [Fact]
    public void ACustomMetricIsComparedWithTheBaselineByItsOwnDirection()
    {
        var gates = new GatesSpec { Rules = [Gate("amount_recall", GateOperator.AtLeast, 0.05, againstBaseline: true)] };

        var result = GateCheck.Evaluate(gates, WithAmountRecall(Candidate(), 0.6), WithAmountRecall(Baseline(), 0.7), "baseline.json").Results.Single();

        Assert.Equal(MetricChange.Worse, result.Change);
        Assert.Equal(-0.1, result.Delta!.Value, 12);
        Assert.Equal(GateVerdict.Failed, result.Verdict);
        Assert.Equal("amount_recall 0.6 < 0.75 (short by 0.15)", result.Message);
    }

    [Fact]
    public void AnUndefinedCustomMetricFailsItsGateWithTheReason()
    {
        var gates = new GatesSpec { Rules = [Gate("amount_recall", GateOperator.AtLeast, 0.6)] };

        var result = GateCheck.Evaluate(gates, WithAmountRecall(Candidate(), null), null).Results.Single();

        Assert.Equal(GateVerdict.Failed, result.Verdict);
        Assert.Equal("amount_recall is undefined: no bad loans", result.Message);
    }

    [Fact]
    public void TheMetricTableListsCustomMetricsAfterTheTasksWithTheirTone()
    {
        var rows = ModelSectionBuilder.MetricRows(WithAmountRecall(Candidate(), 0.8), WithAmountRecall(Baseline(), 0.7));

        var row = rows[^1];
        Assert.Equal(("amount_recall", "Bad-loan amount flagged", "0.8", "0.7", "+0.1", "better"),
            (row.Name, row.DisplayName, row.Value, row.Baseline, row.Delta, row.Tone));
        Assert.Contains(rows, r => r.Name == "auc");
    }

    [Fact]
    public void CustomMetricsSurviveMetricsJson()
    {
        var report = WithAmountRecall(Candidate(), 0.8125);

        var read = MetricsJson.Deserialize(MetricsJson.Serialize(report), "metrics.json");

        Assert.Equal(report.Custom.Single(), read.Custom.Single());
        Assert.Contains("\"direction\": \"higher_is_better\"", MetricsJson.Serialize(report));
    }

    [Theory]
    [InlineData("auc", "is a built-in metric's name")]
    [InlineData("amount.recall", "is not a plain name")]
    [InlineData("x", "is declared twice")]
    public void BadCustomMetricNamesAreRejectedNamingTheBuild(string name, string problem)
    {
        CustomMetric[] metrics = [new("x", MetricDirection.HigherIsBetter, _ => 1), new(name, MetricDirection.LowerIsBetter, _ => 1)];

        var error = Assert.Throws<TrainyardException>(() => CustomMetrics.Names(metrics));

        Assert.Contains($"custom metric '{name}' {problem}", error.Message);
        Assert.Contains("Build.cs", error.Message);
    }

    [Fact]
    public void AGateMayNameACustomMetricOnlyWhenTheBuildDeclaresIt()
    {
        var spec = PipelineSpec.Parse("name: churn\ntask: regression\ndata:\n  path: data/churn.csv\n  label: Months\n", "pipelines/churn.yml")
            with { Gates = new GatesSpec { Rules = [Gate("amount_recall", GateOperator.AtLeast, 0.6)] } };

        GateMetrics.Check(spec, ["amount_recall"]);
        var error = Assert.Throws<TrainyardException>(() => GateMetrics.Check(spec));

        Assert.Contains("'amount_recall' is not a metric Evaluate computes", error.Message);
    }
}
