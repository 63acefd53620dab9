using System.Text;
using Trainyard.Artifacts;
using Trainyard.Artifacts.Metrics;
using Trainyard.Data;
using Trainyard.Evaluation;
using Trainyard.IO;
using Trainyard.Pipelines;
using Trainyard.Runtime;
using Trainyard.Runtime.Features;
using Trainyard.Runtime.Packaging;
using Trainyard.Runtime.Scoring;
using Trainyard.Training;

namespace Trainyard.Packaging;

/// <summary>
/// Builds a pipeline's model package from what ValidateData, Train and Evaluate wrote under its artifacts folder:
/// the model and featurizer as Train saved them, the signature derived from the featurizer, the task and the
/// reviewed schema, the data profile, metrics.json, an input example scored by the managed scorer, and the
/// metadata with lineage from run.json, the test scores' deciles and their calibration. A missing artifact says which target to run.
/// </summary>
internal static class PackageInputs
{
    /// <summary>How many test rows example.json holds: enough for a smoke test to mean something, few enough to read.</summary>
    public const int ExampleRows = 5;

    /// <param name="artifactsDirectory">Relative to <paramref name="root"/>, e.g. <c>artifacts/credit-risk</c>.</param>
    public static Task<ModelPackage> ReadAsync(PipelineSpec spec, string root, string artifactsDirectory, CancellationToken cancellationToken) =>
        ReadAsync(spec, root, artifactsDirectory, ProcessEnvironment(), cancellationToken);

    /// <param name="environment">Where who and where built come from (GITHUB_* in CI); a build passes its context's.</param>
    public static async Task<ModelPackage> ReadAsync(PipelineSpec spec, string root, string artifactsDirectory,
        IReadOnlyDictionary<string, string> environment, CancellationToken cancellationToken)
    {
        try
        {
            return await BuildAsync(spec, root, artifactsDirectory, environment, cancellationToken);
        }
        catch (ModelFormatException e)
        {
            // Runtime's expected error: shown as its message, like every TrainyardException, never as a stack trace.
            throw new TrainyardException($"Cannot package {spec.Name}: {e.Message}", innerException: e);
        }
    }

    /// <summary>
    /// The content key the package would carry, without building it (no scorer, no input example): what Package
    /// asks the registry about before deciding to run. Fails as <see cref="ReadAsync(PipelineSpec, string, string, IReadOnlyDictionary{string, string}, CancellationToken)"/> does.
    /// </summary>
    public static async Task<string> ContentKeyAsync(PipelineSpec spec, string root, string artifactsDirectory, CancellationToken cancellationToken)
    {
        try
        {
            var core = await ReadCoreAsync(spec, root, artifactsDirectory, cancellationToken);
            return ContentKey(core.Run, core.ModelJson, core.FeaturizerJson, core.Signature.ToJson());
        }
        catch (ModelFormatException e)
        {
            throw new TrainyardException($"Cannot package {spec.Name}: {e.Message}", innerException: e);
        }
    }

    sealed record Core(RunRecord Run, MetricsReport Metrics, byte[] ModelJson, byte[] FeaturizerJson, Featurizer Featurizer, ModelSignature Signature);

    // What both the package and its content key are made from: checked artifacts, the model files and the signature.
    static async Task<Core> ReadCoreAsync(PipelineSpec spec, string root, string artifactsDirectory, CancellationToken cancellationToken)
    {
        var training = new ArtifactPaths(artifactsDirectory);
        var (metricsPath, profilePath) = (training.Metrics, training.Profile);
        RequireArtifacts(spec, root, [(profilePath, "ValidateData"), .. training.TrainOutputs.Select(p => (p, "Train")), (metricsPath, "Evaluate")]);

        var run = await RunRecord.ReadAsync(RepositoryPath.Full(root, training.Run), cancellationToken);
        await RequireSameDataAsync(spec, root, run, cancellationToken);
        var metrics = await MetricsJson.ReadAsync(RepositoryPath.Full(root, metricsPath), cancellationToken);
        if (metrics.Gates is { Passed: false })
            throw new TrainyardException($"{metricsPath}: the model failed its release gates, and a model that failed them is not packaged; improve it and run Evaluate again");

        var modelJson = await File.ReadAllBytesAsync(RepositoryPath.Full(root, training.Model), cancellationToken);
        var featurizerJson = await File.ReadAllBytesAsync(RepositoryPath.Full(root, training.Featurizer), cancellationToken);
        var featurizer = FeaturizerJson.Read(Encoding.UTF8.GetString(featurizerJson), training.Featurizer);
        var signature = ModelSignature.Derive(featurizer.Definition, spec.Task.ToString().ToLowerInvariant(),
            metrics.Threshold?.Threshold ?? run.Model.DecisionThreshold, await RequiredColumnsAsync(spec, root, cancellationToken));
        return new Core(run, metrics, modelJson, featurizerJson, featurizer, signature);
    }

    static async Task<ModelPackage> BuildAsync(PipelineSpec spec, string root, string artifactsDirectory,
        IReadOnlyDictionary<string, string> environment, CancellationToken cancellationToken)
    {
        var training = new ArtifactPaths(artifactsDirectory);
        var profilePath = training.Profile;
        var metricsPath = training.Metrics;
        var (run, metrics, modelJson, featurizerJson, featurizer, signature) = await ReadCoreAsync(spec, root, artifactsDirectory, cancellationToken);
        var scorer = XGBoostScorer.Load(modelJson, training.Model);
        var task = spec.Task.ToString().ToLowerInvariant();
        var (dataRows, inputs) = await ExampleInputs.ReadAsync(spec, root, training.Predictions, featurizer, ExampleRows, cancellationToken);
        var example = InputExample.Create(inputs, featurizer, scorer, signature) with { DataRows = dataRows };

        var files = new Dictionary<string, ReadOnlyMemory<byte>>(StringComparer.Ordinal)
        {
            [PackageFiles.Model] = modelJson,
            [PackageFiles.Featurizer] = featurizerJson,
            [PackageFiles.Signature] = signature.ToJson(),
            [PackageFiles.Profile] = await File.ReadAllBytesAsync(RepositoryPath.Full(root, profilePath), cancellationToken),
            [PackageFiles.Metrics] = await File.ReadAllBytesAsync(RepositoryPath.Full(root, metricsPath), cancellationToken),
            [PackageFiles.Example] = example.ToJson(),
        };
        var metadata = new ModelMetadata
        {
            Name = spec.Name,
            Task = task,
            ContentKey = ContentKey(run, modelJson, featurizerJson, files[PackageFiles.Signature]),
            Created = DateTimeOffset.FromUnixTimeSeconds(DateTimeOffset.UtcNow.ToUnixTimeSeconds()), // whole seconds: what people read
            Metrics = Headline(metrics),
            GatesPassed = metrics.Gates?.Passed,
            Lineage = RunLineage.From(run, RunLineage.OriginFrom(environment)),
            Trainer = run.Parameters.Trainer,
            ScoreDeciles = await ScoreDeciles.ReadAsync(RepositoryPath.Full(root, training.Predictions), spec.Task, cancellationToken),
            Calibration = await ScoreCalibration.ReadAsync(RepositoryPath.Full(root, training.Predictions), spec.Task, cancellationToken),
        };
        return new ModelPackage(metadata, files);
    }

    /// <summary>
    /// What makes the model what it is: the spec and data it was trained from and the files that score with it.
    /// Not metrics.json (its serving latencies differ run to run) nor anything about time or place.
    /// </summary>
    static string ContentKey(RunRecord run, ReadOnlyMemory<byte> model, ReadOnlyMemory<byte> featurizer, ReadOnlyMemory<byte> signature)
    {
        var text = new StringBuilder("trainyard model content key 1\n")
            .Append("spec ").Append(run.SpecSha256).Append('\n')
            .Append("data ").Append(run.Data.Sha256).Append('\n');
        foreach (var (name, content) in new[] { (PackageFiles.Model, model), (PackageFiles.Featurizer, featurizer), (PackageFiles.Signature, signature) })
            text.Append(name).Append(' ').Append(ContentHash.Of(content.Span)).Append('\n');
        return ContentHash.Of(text.ToString());
    }

    /// <summary>The task's own metrics over the test split (auc, f1…; rmse, r2…; accuracy, macro_f1…), defined ones only; per-class ones stay in metrics.json.</summary>
    static IReadOnlyDictionary<string, double> Headline(MetricsReport metrics) =>
        (metrics.TaskScalars()?.Values ?? new Dictionary<string, double?>())
            .Where(m => m.Value is { } v && double.IsFinite(v) && !m.Key.StartsWith("class.", StringComparison.Ordinal))
            .ToDictionary(m => m.Key, m => m.Value!.Value, StringComparer.Ordinal);

    static void RequireArtifacts(PipelineSpec spec, string root, IEnumerable<(string Path, string Target)> artifacts)
    {
        foreach (var (path, target) in artifacts)
            if (!File.Exists(RepositoryPath.Full(root, path)))
                throw new TrainyardException($"{path} is missing: run {target} first (./build.sh {target} --pipeline {spec.SourcePath})");
    }

    /// <summary>The model must be packaged with the data it was trained on, or the lineage and the example would lie.</summary>
    static async Task RequireSameDataAsync(PipelineSpec spec, string root, RunRecord run, CancellationToken cancellationToken)
    {
        if (run.Pipeline != spec.Name)
            throw new TrainyardException($"run.json is from pipeline '{run.Pipeline}', not '{spec.Name}': run Train for {spec.SourcePath} again");
        var now = await Data.Files.DataFiles.Resolve(root, spec.Data.Path).Sha256Async(root, cancellationToken);
        if (now != run.Data.Sha256)
            throw new TrainyardException($"{spec.Data.Path} changed since the model was trained (sha256 {now}, run.json says {run.Data.Sha256}): run Evaluate again before packaging");
    }

    /// <summary>Columns the reviewed schema lets be missing in no row: a request must give them too.</summary>
    static async Task<IReadOnlySet<string>> RequiredColumnsAsync(PipelineSpec spec, string root, CancellationToken cancellationToken)
    {
        var path = RepositoryPath.Full(root, spec.Schema);
        if (!File.Exists(path)) return new HashSet<string>();
        var schema = SchemaFile.Parse(await File.ReadAllTextAsync(path, cancellationToken), spec.Schema);
        return schema.Columns.Where(c => c.Required && c.MaxNullRate == 0).Select(c => c.Name).ToHashSet(StringComparer.Ordinal);
    }

    static IReadOnlyDictionary<string, string> ProcessEnvironment() =>
        System.Environment.GetEnvironmentVariables().Cast<System.Collections.DictionaryEntry>()
            .ToDictionary(e => (string)e.Key, e => (string?)e.Value ?? "", StringComparer.Ordinal);
}
