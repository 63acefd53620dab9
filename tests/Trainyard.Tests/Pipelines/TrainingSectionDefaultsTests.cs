using Trainyard.Pipelines;

namespace Trainyard.Tests.Pipelines;

/// <summary>A spec written before split, training, evaluation and gates existed still loads, with these defaults.</summary>
public class TrainingSectionDefaultsTests
{
    private const string Minimal = "name: churn\ntask: binary\ndata:\n  path: data/churn.csv\n  label: Left\n  positive_class: yes\n";

    [Fact]
    public void SpecWithoutTheNewSectionsGetsTheirDefaults()
    {
        var spec = PipelineSpec.Parse(Minimal, "pipelines/churn.yml");

        Assert.Equal((SplitMethod.Random, 0.2, 0.1, 42), (spec.Split.Method, spec.Split.TestShare, spec.Split.ValidationShare, spec.Split.Seed));
        Assert.Equal((null, null, null, null), (spec.Split.TimeColumn, spec.Split.Cutoff, spec.Split.NumericCutoff, spec.Split.Location));
        Assert.Equal(("xgboost", 500, 25, 0), (spec.Training.Trainer, spec.Training.Rounds, spec.Training.EarlyStoppingRounds, spec.Training.Threads));
        Assert.Empty(spec.Training.Parameters);
        Assert.Empty(spec.Training.Exclude);
        Assert.Equal((null, ThresholdObjective.F1, 30, null), (spec.Evaluation.Threshold, spec.Evaluation.ThresholdObjective, spec.Evaluation.MinSliceRows, spec.Evaluation.Baseline));
        Assert.Empty(spec.Evaluation.Slices);
        Assert.Equal(NoBaselinePolicy.Pass, spec.Gates.WhenNoBaseline);
        Assert.Empty(spec.Gates.Rules);
    }

    [Fact]
    public void EmptySectionsAndNullValuesMeanDefaults()
    {
        var spec = PipelineSpec.Parse(Minimal + "split:\n  seed: ~\ntraining:\nevaluation:\n  slices:\ngates:\n  rules: ~\n", "pipelines/churn.yml");

        Assert.Equal(new SplitSpec { Location = new("pipelines/churn.yml", 8, 3) }, spec.Split);
        Assert.Equal(500, spec.Training.Rounds);
        Assert.Empty(spec.Training.Parameters);
        Assert.Empty(spec.Evaluation.Slices);
        Assert.Empty(spec.Gates.Rules);
    }

    [Fact]
    public void SectionsSetElsewhereLeaveTheOthersAtTheirDefaults()
    {
        var spec = PipelineSpec.Parse(Minimal + "gates:\n  rules: [auc >= 0.7]\n", "pipelines/churn.yml");

        Assert.Equal(new GateRule("auc", GateOperator.AtLeast, 0.7, false, false, "auc >= 0.7", new("pipelines/churn.yml", 8, 11)), Assert.Single(spec.Gates.Rules));
        Assert.Equal(new SplitSpec(), spec.Split);
        Assert.Equal(new EvaluationSpec().ThresholdObjective, spec.Evaluation.ThresholdObjective);
    }
}
