using Trainyard.Pipelines;

namespace Trainyard.Tests.Pipelines;

/// <summary>The sample specs' split, training, evaluation and gates sections load with the values written.</summary>
public class SampleSpecTrainingTests
{
    private static PipelineSpec Load(string name) => PipelineSpec.Load(RepositoryRoot.File($"pipelines/{name}.yml"));

    private static IEnumerable<(string, GateOperator, double, bool, bool)> Gates(PipelineSpec spec) =>
        spec.Gates.Rules.Select(r => (r.Metric, r.Operator, Math.Round(r.Value, 12), r.AgainstBaseline, r.Percent));

    [Fact]
    public void CreditRiskGatesOnAucLatencyAndTheSliceGap()
    {
        var spec = Load("credit-risk");

        Assert.Equal((SplitMethod.Random, 0.2, 0.1, 42), (spec.Split.Method, spec.Split.TestShare, spec.Split.ValidationShare, spec.Split.Seed));
        Assert.Equal((500, 25, 0), (spec.Training.Rounds, spec.Training.EarlyStoppingRounds, spec.Training.Threads));
        Assert.Equal(new Dictionary<string, string> { ["max_depth"] = "4", ["eta"] = "0.05", ["subsample"] = "0.8" }, spec.Training.Parameters);
        Assert.Equal(ThresholdObjective.F1, spec.Evaluation.ThresholdObjective);
        Assert.Equal(["Home", "Marital"], spec.Evaluation.Slices);
        Assert.Equal(100, spec.Evaluation.MinSliceRows);
        Assert.Equal(NoBaselinePolicy.Pass, spec.Gates.WhenNoBaseline);
        Assert.Equal(
            [
                ("auc", GateOperator.AtLeast, 0.80, false, false),
                ("auc", GateOperator.AtLeast, -0.01, true, false),
                ("p95_latency_ms", GateOperator.AtMost, 5, false, false),
                ("slice_gap.auc", GateOperator.AtMost, 0.20, false, false),
            ],
            Gates(spec));
    }

    [Fact]
    public void AmesGatesOnR2AndRmseIncludingARelativeRmseGate()
    {
        var spec = Load("ames");

        Assert.Equal(SplitMethod.Random, spec.Split.Method);
        Assert.Equal(1000, spec.Training.Rounds);
        Assert.Equal("4", spec.Training.Parameters["max_depth"]);
        Assert.Equal(["Neighborhood"], spec.Evaluation.Slices);
        Assert.Equal(
            [
                ("r2", GateOperator.AtLeast, 0.85, false, false),
                ("rmse", GateOperator.AtMost, 32000, false, false),
                ("rmse", GateOperator.AtMost, 0.05, true, true),
            ],
            Gates(spec));
    }

    [Fact]
    public void PenguinsGatesOnAccuracyAndMacroF1()
    {
        var spec = Load("penguins");

        Assert.Equal(("3", "0.1"), (spec.Training.Parameters["max_depth"], spec.Training.Parameters["eta"]));
        Assert.Equal(["island"], spec.Evaluation.Slices);
        Assert.Equal(20, spec.Evaluation.MinSliceRows);
        Assert.Equal(
            [
                ("accuracy", GateOperator.AtLeast, 0.95, false, false),
                ("macro_f1", GateOperator.AtLeast, 0.95, false, false),
                ("macro_f1", GateOperator.AtLeast, -0.02, true, false),
            ],
            Gates(spec));
    }

    [Theory]
    [InlineData("credit-risk")]
    [InlineData("ames")]
    [InlineData("penguins")]
    public void EverySampleGateRemembersWhereItIsWritten(string name)
    {
        var spec = Load(name);
        var lines = File.ReadAllLines(spec.SourcePath);

        Assert.NotEmpty(spec.Gates.Rules);
        foreach (var rule in spec.Gates.Rules)
            Assert.StartsWith("- " + rule.Text, lines[rule.Location!.Line!.Value - 1][(rule.Location.Column!.Value - 3)..]);
    }
}
