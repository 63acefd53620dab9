using Trainyard.Artifacts;
using Trainyard.Artifacts.Metrics;
using Trainyard.Data.Profiling;
using Trainyard.Evaluation;

namespace Trainyard.Reporting;

/// <summary>
/// The artifacts a report is made from, each null when missing or unreadable; <see cref="Problems"/> says which and
/// why, so the report still renders (Report runs after a failed gate or failed validation too).
/// </summary>
internal sealed record ReportInputs(
    string Pipeline, MetricsReport? Metrics, MetricsReport? Baseline, ValidationSummary? Validation, DataProfile? Profile, DataProfile? ReferenceProfile,
    RunRecord? Run, PredictionsFile? Predictions, IReadOnlyDictionary<string, string> Problems)
{
    /// <param name="artifacts">artifacts/&lt;pipeline&gt;/, absolute.</param>
    /// <param name="baseline">What the model is compared with (the production version's metrics, or the spec's file); null for none.</param>
    /// <param name="root">The repository root, which the drift reference's path is relative to.</param>
    public static async Task<ReportInputs> LoadAsync(string pipeline, string artifacts, string root, ModelBaseline? baseline, CancellationToken cancellationToken)
    {
        var problems = new SortedDictionary<string, string>(StringComparer.Ordinal);
        async Task<T?> Load<T>(string file, string producer, Func<string, Task<T>> read) where T : class
        {
            var path = Path.Combine(artifacts, file);
            if (!File.Exists(path)) { problems[file] = $"{file} is missing: run {producer} first"; return null; }
            try { return await read(path); }
            catch (Exception e) when (e is TrainyardException or IOException or System.Text.Json.JsonException or FormatException or KeyNotFoundException or InvalidOperationException)
            {
                problems[file] = $"{file} could not be read: {e.Message}";
                return null;
            }
        }

        var metrics = await Load(ArtifactPaths.MetricsFile, "Evaluate", p => MetricsJson.ReadAsync(p, cancellationToken));
        var validation = await Load(ArtifactPaths.ValidationFile, "ValidateData", p => ValidationSummary.ReadAsync(p, cancellationToken));
        var profile = await Load(ArtifactPaths.ProfileFile, "ValidateData", p => ProfileJson.ReadAsync(p, cancellationToken));
        var run = await Load(ArtifactPaths.RunFile, "Train", p => RunRecord.ReadAsync(p, cancellationToken));
        var predictions = await Load(ArtifactPaths.PredictionsFile, "Train", p => PredictionsFile.ReadAsync(p, cancellationToken));
        if (baseline?.Problem is { } unreadable) problems["baseline"] = unreadable;
        DataProfile? reference = null;
        if (validation?.DriftReference is { Length: > 0 } referencePath && File.Exists(Path.Combine(root, referencePath)))
        {
            try { reference = await ProfileJson.ReadAsync(Path.Combine(root, referencePath), cancellationToken); }
            catch (TrainyardException e) { problems[referencePath] = $"the reference profile could not be read: {e.Message}"; }
        }
        return new ReportInputs(pipeline, metrics, baseline?.Metrics, validation, profile, reference, run, predictions, problems);
    }

    public string? Problem(string file) => Problems.GetValueOrDefault(file);
}
