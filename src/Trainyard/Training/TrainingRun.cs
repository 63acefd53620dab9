using System.Diagnostics;
using System.Runtime.InteropServices;
using Spectre.Console;
using Trainyard.Artifacts;
using Trainyard.IO;
using Trainyard.Pipelines;
using Trainyard.Runtime.Features;
using Trainyard.Runtime.Scoring;

namespace Trainyard.Training;

/// <summary>
/// One Train run: read and split the data, fit the featurizer on the training rows, train with early stopping on
/// the validation rows, score the test rows with the managed scorer (the one Evaluate and the server use), and
/// write the model, featurizer, run record and test predictions.
/// </summary>
internal static class TrainingRun
{
    /// <param name="configure">The build's settings hook: receives the settings built from the spec, returns the ones to train with.</param>
    /// <param name="trigger">Why the run started, for lineage; null leaves run.json without it.</param>
    public static async Task<RunRecord> RunAsync(PipelineSpec spec, string root, ArtifactPaths outputs, IAnsiConsole console,
        Func<TrainingSettings, TrainingSettings> configure, CancellationToken cancellationToken, RunTrigger? trigger = null)
    {
        var started = DateTimeOffset.UtcNow;
        var timings = new Dictionary<string, double>();
        var clock = Stopwatch.StartNew();
        double Lap() { var s = clock.Elapsed.TotalSeconds; clock.Restart(); return s; }

        var data = await PreparedData.LoadAsync(spec, root, cancellationToken);
        var matrix = FeatureMatrix.Fit(data.Table, data.Split.Train.AsSpan(), data.Features, spec.Data.Label, spec.Task, spec.Data.PositiveClass);
        var parts = new Dictionary<string, int[]>
        {
            ["train"] = [.. data.Split.Train], ["validation"] = [.. data.Split.Validation], ["test"] = [.. data.Split.Test],
        };
        var sets = parts.ToDictionary(p => p.Key, p => new TrainingSet(matrix.Build(p.Value), p.Value.Length, matrix.Featurizer.FeatureNames, matrix.Labels(p.Value)));
        timings["load_and_split"] = Lap();
        console.WriteLine($"{data.Table.RowCount:N0} rows: {sets["train"].Rows:N0} train, {sets["validation"].Rows:N0} validation, {sets["test"].Rows:N0} test"
            + (data.Split.MissingLabelRows > 0 ? $" ({data.Split.MissingLabelRows:N0} without a label left out)" : "")
            + $"; {matrix.Width} features from {data.Features.Count} columns");

        var settings = configure(new TrainingSettings
        {
            Trainer = spec.Training.Trainer,
            Task = TaskOf(spec, matrix.Featurizer),
            Rounds = spec.Training.Rounds,
            EarlyStoppingRounds = spec.Training.EarlyStoppingRounds,
            Threads = spec.Training.Threads,
            Seed = spec.Split.Seed,
            Parameters = spec.Training.Parameters,
            ParameterLocations = spec.Training.ParameterLocations,
            TrainerLocation = spec.Training.TrainerLocation ?? new SourceLocation(spec.SourcePath),
        });
        var trainer = TrainerFor(settings, spec);
        var model = await trainer.TrainAsync(sets["train"], sets["validation"], settings, new TrainingProgressDisplay(console), cancellationToken);
        timings["train"] = Lap();

        var scorer = XGBoostScorer.Load(model.ModelJson.Span, outputs.Model);
        var threshold = DecisionThreshold.For(spec, scorer, sets["validation"].Features.Span, sets["validation"].Labels.Span);
        await TestPredictions.WriteAsync(RepositoryPath.Full(root, outputs.Predictions), data, parts["test"], sets["test"], scorer,
            matrix.Featurizer, spec, threshold?.Threshold, cancellationToken);
        timings["predict"] = Lap();

        await AtomicFile.WriteAsync(RepositoryPath.Full(root, outputs.Model), (s, ct) => s.WriteAsync(model.ModelJson, ct).AsTask(), cancellationToken);
        await FeaturizerJson.WriteFileAsync(RepositoryPath.Full(root, outputs.Featurizer), matrix.Featurizer, cancellationToken);
        var record = new RunRecord
        {
            Pipeline = spec.Name,
            SpecSha256 = ContentHash.OfFile(spec.SourcePath), // the path it was loaded from, relative to the current directory
            StartedAt = started,
            FinishedAt = DateTimeOffset.UtcNow,
            Data = new RunData(spec.Data.Path, await data.Source.Files.Sha256Async(root, cancellationToken),
                data.Table.RowCount, data.Split.MissingLabelRows, sets.ToDictionary(s => s.Key, s => Fingerprint(s.Value)))
            {
                Files = data.Source.Files.IsSingle ? null : data.Source.Files.Paths,
                Window = data.Source.Window is { } w ? new RunWindow(w.Column, new DateTimeOffset(w.After, TimeSpan.Zero), new DateTimeOffset(w.Until, TimeSpan.Zero)) : null,
            },
            Parameters = new RunParameters(model.Trainer, settings.Rounds, settings.EarlyStoppingRounds, settings.EffectiveThreads, settings.Seed,
                spec.Split.Method.ToString().ToLowerInvariant(), spec.Split.TestShare, spec.Split.ValidationShare,
                model.Parameters.ToDictionary(p => p.Key, p => p.Value)),
            Model = new RunModel(matrix.Width, model.BestIteration, model.RoundsTrained, model.MetricName, model.BestScore,
                threshold?.Threshold ?? 0.5, threshold?.Source ?? "not a binary task",
                model.Importance.Select(i => new RunFeatureGain(i.Feature, i.Gain, i.TotalGain)).ToList()),
            Source = await GitRevision.ReadAsync(root,
                [Path.GetFullPath(spec.SourcePath), RepositoryPath.Full(root, spec.Schema), .. data.Source.Files.Paths.Select(p => RepositoryPath.Full(root, p))], cancellationToken),
            Versions = new Dictionary<string, string>
            {
                ["trainyard"] = Trainyard.Targets.PackageVersions.VersionOf(typeof(TrainingRun).Assembly),
                [model.Trainer] = model.TrainerVersion,
                ["dotnet"] = RuntimeInformation.FrameworkDescription,
                ["os"] = RuntimeInformation.OSDescription,
            },
            TimingsSeconds = timings,
            Trigger = trigger?.Reason,
            TriggerReport = trigger?.Report,
        };
        await record.WriteAsync(RepositoryPath.Full(root, outputs.Run), cancellationToken);
        return record;
    }

    /// <summary>The registered trainer the settings name (case-insensitively), or an error listing the registered names.</summary>
    internal static ITrainer TrainerFor(TrainingSettings settings, PipelineSpec spec)
    {
        var name = settings.Trainer;
        var match = settings.Trainers.FirstOrDefault(t => string.Equals(t.Key, name, StringComparison.OrdinalIgnoreCase)).Value;
        if (match is not null) return match;

        var known = settings.Trainers.Keys.Order(StringComparer.Ordinal).ToArray();
        var fromSpec = string.Equals(name, spec.Training.Trainer, StringComparison.Ordinal);
        var registered = known.Length == 0 ? "none" : string.Join(", ", known);
        var message = $"training.trainer: '{name}' is not a registered trainer; {Quote.DidYouMean(name, known)}registered: {registered}."
            + (fromSpec ? "" : " (The build's TrainingSettings hook set this name, not the spec.)")
            + " A build registers its own in Build.cs: Configure<TrainingSettings> ITrain.TrainingSettings => s => s.WithTrainer(new MyTrainer());";
        throw new TrainyardException(message, fromSpec ? spec.Training.TrainerLocation ?? new SourceLocation(spec.SourcePath) : new SourceLocation(spec.SourcePath));
    }

    internal static TrainingTask TaskOf(PipelineSpec spec, Featurizer featurizer) => spec.Task switch
    {
        PipelineTask.Binary => TrainingTask.Binary,
        PipelineTask.Multiclass => TrainingTask.Multiclass(featurizer.Definition.Label?.Classes?.Count ?? 0),
        _ => TrainingTask.Regression,
    };

    /// <summary>The split's content as the model sees it: its feature matrix and labels, hashed.</summary>
    static SplitFingerprint Fingerprint(TrainingSet set)
    {
        using var hash = System.Security.Cryptography.IncrementalHash.CreateHash(System.Security.Cryptography.HashAlgorithmName.SHA256);
        hash.AppendData(MemoryMarshal.AsBytes(set.Features.Span));
        hash.AppendData(MemoryMarshal.AsBytes(set.Labels.Span));
        return new SplitFingerprint(set.Rows, Convert.ToHexStringLower(hash.GetHashAndReset()));
    }
}
