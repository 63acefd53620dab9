using Trainyard.Pipelines;

namespace Trainyard.Tests.Pipelines;

/// <summary>The <c>training</c> section: rounds, threads, excluded columns and trainer parameters.</summary>
public class TrainingSectionTests
{
    private const string Head = "name: x\ntask: regression\ndata:\n  path: data/x.csv\n  label: y\n";

    private static TrainingSpec Reads(string section) => PipelineSpec.Parse(Head + section, "pipelines/x.yml").Training;

    private static string Fails(string section) =>
        Assert.Throws<TrainyardException>(() => PipelineSpec.Parse(Head + section, "pipelines/x.yml")).Message;

    [Fact]
    public void ValuesAreReadAndParametersKeepTheTextAsWrittenInOrder()
    {
        var training = Reads("""
            training:
              trainer: xgboost
              rounds: 300
              early_stopping_rounds: 0
              threads: 4
              exclude: [Id, Name]
              parameters:
                max_depth: 4
                eta: 0.05
                tree_method: hist
                grow_policy: "lossguide"
                one_drop: true
                gamma: ~
            """);

        Assert.Equal(("xgboost", 300, 0, 4), (training.Trainer, training.Rounds, training.EarlyStoppingRounds, training.Threads));
        Assert.Equal(["Id", "Name"], training.Exclude);
        Assert.Equal(
            [new("max_depth", "4"), new("eta", "0.05"), new("tree_method", "hist"), new("grow_policy", "lossguide"), new("one_drop", "true")],
            training.Parameters.ToList<KeyValuePair<string, string>>());
    }

    [Fact]
    public void AnyTrainerNameLoadsWithWhereItIsWritten()
    {
        // A build registers its own trainers, known only when Train runs: that is where an unknown name is an error.
        var training = Reads("training:\n  trainer: constant\n  parameters:\n    not_an_xgboost_parameter: 3\n");

        Assert.Equal("constant", training.Trainer);
        Assert.Equal("pipelines/x.yml:7:12", training.TrainerLocation?.ToString());
        Assert.Equal("3", training.Parameters["not_an_xgboost_parameter"]);
    }

    [Theory]
    [InlineData("training:\n  rounds: 0\n", "pipelines/x.yml:7:11: 'rounds' must be at least 1, got 0")]
    [InlineData("training:\n  rounds: 1.5\n", "pipelines/x.yml:7:11: 'rounds' expects a whole number, got '1.5'")]
    [InlineData("training:\n  early_stopping_rounds: -1\n", "pipelines/x.yml:7:26: 'early_stopping_rounds' must be at least 0, got -1")]
    [InlineData("training:\n  threads: -2\n", "pipelines/x.yml:7:12: 'threads' must be at least 0, got -2")]
    [InlineData("training:\n  exclude: Id\n", "pipelines/x.yml:7:12: 'exclude' expects a list such as [a, b], got 'Id'")]
    [InlineData("training:\n  parameters:\n    max_depth: [4, 6]\n",
        "pipelines/x.yml:8:16: parameter 'max_depth' expects a single value (a number, a word or true/false), got a list")]
    [InlineData("training:\n  parameters:\n    eval:\n      metric: auc\n",
        "pipelines/x.yml:9:7: parameter 'eval' expects a single value (a number, a word or true/false), got a mapping")]
    [InlineData("training:\n  parameters: [max_depth]\n", "pipelines/x.yml:7:15: 'training.parameters' expects a mapping of keys, got a list")]
    [InlineData("training:\n  round: 10\n",
        "pipelines/x.yml:7:3: unknown key 'round' in 'training'; did you mean 'rounds'? allowed keys here: trainer, rounds, early_stopping_rounds, threads, exclude, parameters")]
    public void MistakeIsReportedAtTheValue(string section, string expected)
    {
        Assert.Equal(expected, Fails(section));
    }
}
