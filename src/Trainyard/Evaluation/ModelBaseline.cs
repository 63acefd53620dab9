using System.Text;
using Trainyard.Artifacts.Metrics;
using Trainyard.IO;
using Trainyard.Pipelines;
using Trainyard.Registry;
using Trainyard.Runtime.Packaging;

namespace Trainyard.Evaluation;

/// <summary>
/// What a candidate model is compared with — for Evaluate's gates against the baseline and the report's baseline
/// column: the metrics.json of the version holding <c>production</c> in the registry; failing that, the spec's
/// <c>evaluation.baseline</c> file; failing that, nothing (the first model).
/// </summary>
/// <param name="Metrics">The baseline's metrics; null when there is none.</param>
/// <param name="Source">Where they came from, as gate tables and the report show it: <c>credit-risk:v3 (production)</c> or the file's path.</param>
/// <param name="Note">One sentence for people saying which baseline was used, or why there is none.</param>
/// <param name="Problem">Why the baseline could not be read, when the report goes on without one.</param>
internal sealed record ModelBaseline(MetricsReport? Metrics, string? Source, string Note, string? Problem = null)
{
    public static async Task<ModelBaseline> FindAsync(ModelRegistry registry, PipelineSpec spec, string root, CancellationToken cancellationToken)
    {
        // A pipeline whose name cannot be a repository has no versions, but it still evaluates.
        var production = RepositoryName.IsValid(registry.Model) ? await registry.FindAsync(AliasName.Production, cancellationToken) : null;
        string? passedOver = RepositoryName.IsValid(registry.Model) ? null : RepositoryName.Problem(registry.Model);
        if (production is not null)
        {
            var source = $"{production.Reference} ({AliasName.Production})";
            if (await registry.ReadFileAsync(production, PackageFiles.Metrics, cancellationToken) is { } json)
                return new ModelBaseline(MetricsJson.Deserialize(Encoding.UTF8.GetString(json.Span), $"{registry.Location}, {production.Reference} {PackageFiles.Metrics}"),
                    source, $"Baseline: {source}, {production.DigestReference}, from {registry.Location}.");
            passedOver = $"{source} has no {PackageFiles.Metrics} in its package";
        }
        var why = passedOver ?? $"no version of {registry.Model} holds '{AliasName.Production}' in {registry.Location}";
        if (spec.Evaluation.Baseline is { } path)
            return new ModelBaseline(await MetricsJson.ReadAsync(RepositoryPath.Full(root, path), cancellationToken), path,
                $"Baseline: {path} (the spec's evaluation.baseline; {why}).");
        return new ModelBaseline(null, null,
            $"No baseline: {why} and the spec names no evaluation.baseline, as for a first model; " +
            $"gates against the baseline {(spec.Gates.WhenNoBaseline == NoBaselinePolicy.Pass ? "pass" : "fail")} (gates.when_no_baseline). " +
            $"Promote a version to {AliasName.Production} to compare against it.");
    }

    /// <summary>For the report, which still renders when the registry cannot be read: the error becomes its problem.</summary>
    public static ModelBaseline Unreadable(string problem) => new(null, null, $"No baseline: {problem}", problem);
}
