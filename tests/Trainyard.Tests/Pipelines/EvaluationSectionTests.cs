using Trainyard.Pipelines;

namespace Trainyard.Tests.Pipelines;

/// <summary>The <c>evaluation</c> section: threshold, slices and baseline.</summary>
public class EvaluationSectionTests
{
    private const string Binary = "name: x\ntask: binary\ndata:\n  path: data/x.csv\n  label: y\n  positive_class: bad\n";
    private const string Regression = "name: x\ntask: regression\ndata:\n  path: data/x.csv\n  label: y\n";

    private static EvaluationSpec Reads(string yaml) => PipelineSpec.Parse(yaml, "pipelines/x.yml").Evaluation;

    private static string Fails(string yaml) =>
        Assert.Throws<TrainyardException>(() => PipelineSpec.Parse(yaml, "pipelines/x.yml")).Message;

    [Fact]
    public void ObjectiveSlicesAndBaselineAreRead()
    {
        var evaluation = Reads(Binary + "evaluation:\n  threshold_objective: youden\n  slices: [Home, Marital]\n  min_slice_rows: 50\n  baseline: baselines/x.metrics.json\n");

        Assert.Null(evaluation.Threshold);
        Assert.Equal(ThresholdObjective.Youden, evaluation.ThresholdObjective);
        Assert.Equal(["Home", "Marital"], evaluation.Slices);
        Assert.Equal(50, evaluation.MinSliceRows);
        Assert.Equal("baselines/x.metrics.json", evaluation.Baseline);
    }

    [Fact]
    public void FixedThresholdIsRead()
    {
        Assert.Equal(0.35, Reads(Binary + "evaluation:\n  threshold: 0.35\n").Threshold);
    }

    [Fact]
    public void RegressionTakesSlicesWithoutAThreshold()
    {
        var evaluation = Reads(Regression + "evaluation:\n  slices:\n    - Neighborhood\n");

        Assert.Equal(["Neighborhood"], evaluation.Slices);
        Assert.Null(evaluation.Threshold);
    }

    [Theory]
    [InlineData(Binary + "evaluation:\n  threshold: 1.2\n", "pipelines/x.yml:8:14: 'threshold' must be at least 0 and at most 1, got 1.2")]
    [InlineData(Binary + "evaluation:\n  threshold: 0.4\n  threshold_objective: f1\n",
        "pipelines/x.yml:9:24: set either 'threshold' (a fixed decision threshold) or 'threshold_objective' (chosen on the validation split), not both")]
    [InlineData(Binary + "evaluation:\n  threshold_objective: precision\n",
        "pipelines/x.yml:8:24: 'threshold_objective' must be one of f1, youden, accuracy; got 'precision'.")]
    [InlineData(Regression + "evaluation:\n  threshold: 0.5\n", "pipelines/x.yml:7:14: 'threshold' applies to binary tasks only; this task is regression")]
    [InlineData(Regression + "evaluation:\n  threshold_objective: f1\n",
        "pipelines/x.yml:7:24: 'threshold_objective' applies to binary tasks only; this task is regression")]
    [InlineData(Regression + "evaluation:\n  min_slice_rows: 0\n", "pipelines/x.yml:7:19: 'min_slice_rows' must be at least 1, got 0")]
    [InlineData(Regression + "evaluation:\n  slices: [Zone, Zone]\n", "pipelines/x.yml:7:11: 'slices' names the column 'Zone' twice; keep one")]
    [InlineData(Regression + "evaluation:\n  slices: [[Zone]]\n", "pipelines/x.yml:7:12: each item of 'slices' must be a single value, got a list")]
    [InlineData(Regression + "evaluation:\n  slice: [Zone]\n",
        "pipelines/x.yml:7:3: unknown key 'slice' in 'evaluation'; did you mean 'slices'? allowed keys here: threshold, threshold_objective, slices, min_slice_rows, baseline")]
    public void MistakeIsReportedAtTheValue(string yaml, string expected)
    {
        Assert.Equal(expected, Fails(yaml));
    }
}
