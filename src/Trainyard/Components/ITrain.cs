using Spectre.Console;
using Trainyard.Artifacts;
using Trainyard.Data.Files;
using Trainyard.IO;
using Trainyard.Targets;
using Trainyard.Training;

namespace Trainyard.Components;

/// <summary>
/// Train: splits the validated data, trains the model (XGBoost, or a trainer the build registers) with early
/// stopping, and writes the model, the featurizer, the run record and the test split's predictions. Unchanged data,
/// spec and code: up to date.
/// </summary>
public interface ITrain : IValidateData
{
    /// <summary>
    /// Settings hook: receives the settings built from the spec and returns the ones to train with, e.g.
    /// <c>Configure&lt;TrainingSettings&gt; ITrain.TrainingSettings =&gt; s =&gt; s.WithTrainer(new MyTrainer()) with { Rounds = 200 };</c>
    /// What it returns wins over the spec. Default: unchanged.
    /// </summary>
    Configure<TrainingSettings> TrainingSettings => settings => settings;

    /// <summary>Why this run started, as run.json records it (Retrain answers with what Monitor found).</summary>
    internal RunTrigger TrainTrigger => RunTrigger;

    Target Train => _ => _
        .Description("Splits the data, trains the model with early stopping, writes model, featurizer, run.json and test predictions")
        .DependsOn(ValidateData)
        .OnlyWhen(IHazTrigger.NothingToRetrain, () => TrainingChainRuns)
        .Uses(() => Pipeline)
        // The decision threshold is chosen at training time from evaluation.threshold and threshold_objective.
        .Uses("the spec's data, split, training or evaluation section", () => Spec.FingerprintOf(s => new { s.Name, s.Task, s.Data, s.Schema, s.Split, s.Training, s.Evaluation }))
        .Inputs(() => [.. DataFiles.Inputs(Context.RootDirectory, Spec.Data.Path), Spec.Schema])
        .Outputs(() => ArtifactPaths.TrainOutputs)
        .Executes(async cancellationToken =>
        {
            var spec = Spec;
            var outputs = ArtifactPaths;
            var run = await TrainingRun.RunAsync(spec, Context.RootDirectory, outputs, Context.Console,
                TrainingSettings.Invoke, cancellationToken, TrainTrigger);
            Context.Console.WriteLine(
                $"Trained {run.Parameters.Trainer}: best round {run.Model.BestIteration + 1} of {run.Model.RoundsTrained}"
                + (run.Model.BestValidationScore is { } score ? $", validation {run.Model.Metric} {score:0.#####}" : "")
                + $", {run.TimingsSeconds["train"]:0.0}s");
            Context.Console.WriteLine($"Wrote {string.Join(", ", outputs.TrainOutputs)}");
        });
}
