using Trainyard.Targets;

namespace Trainyard.Tests.Targets;

// A build shaped like a consuming repository's build/Build.cs: components are interfaces with default targets.

public enum Objective { Binary, Regression }

public interface IRecordRuns : ITrainyardBuild
{
    List<string> Ran { get; }
}

public interface IHazPipeline : ITrainyardBuild
{
    [Parameter("Pipeline spec to run")]
    string Pipeline => TryGetValue(() => Pipeline) ?? "pipelines/credit-risk.yml";
}

public interface IValidateData : IHazPipeline, IRecordRuns
{
    Target ValidateData => _ => _
        .Description("Checks data")
        .Uses(() => Pipeline)
        .Inputs(() => [Pipeline])
        .Outputs(() => ["artifacts/x/validation.json"])
        .Executes(async ct =>
        {
            Ran.Add(nameof(ValidateData));
            var path = Path.Combine(Context.RootDirectory, "artifacts/x/validation.json");
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            await File.WriteAllTextAsync(path, "{}", ct);
        });
}

public interface ITrain : IValidateData
{
    Target Train => _ => _.Description("Trains the model").DependsOn(ValidateData).Executes(() => Ran.Add(nameof(Train)));
}

public interface IEvaluate : ITrain
{
    Target Evaluate => _ => _.DependsOn(Train).Executes(() => Ran.Add(nameof(Evaluate)));

    Target Report => _ => _.DependsOn(Evaluate).AssuredAfterFailure().Executes(() => Ran.Add(nameof(Report)));
}

public class SampleBuild : TrainyardBuild, IEvaluate
{
    public List<string> Ran { get; } = [];

    [Parameter("Boosting rounds")] public readonly int Rounds = 100;
    [Parameter] public double LearningRate { get; set; } = 0.3;
    [Parameter] public long Seed { get; } = 7;
    [Parameter] public bool Verbose;
    [Parameter] public int? MaxExamples;
    [Parameter] public string[] Tags = [];
    [Parameter] public Objective Objective = Objective.Binary;
    [Parameter("Registry token"), Secret] public string? RegistryToken;
    [Parameter(EnvironmentVariable = "MODEL_NAME")] public string ModelName = "credit";

    public Target Monitor => _ => _.Triggers(From<ITrain>().Train).Executes(() => Ran.Add(nameof(Monitor)));

    public Target Publish => _ => _.Requires(() => RegistryToken).DependsOn(From<IEvaluate>().Evaluate).Executes(() => Ran.Add(nameof(Publish)));
}
