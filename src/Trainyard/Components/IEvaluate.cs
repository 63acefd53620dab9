using Spectre.Console;
using Trainyard.Data.Files;
using Trainyard.Evaluation;
using Trainyard.IO;
using Trainyard.Registry;
using Trainyard.Targets;
using Trainyard.Training;

namespace Trainyard.Components;

/// <summary>
/// Evaluate: measures the trained model on the held-out test rows with the managed scorer, writes metrics.json,
/// prints the gate table, and fails the build when a gate fails (after writing metrics.json). Gates against the
/// baseline compare with the version holding <c>production</c> in the registry (else the spec's baseline file).
/// </summary>
public interface IEvaluate : ITrain, IHazRegistry
{
    /// <summary>
    /// The team's own metrics, measured after the built-in ones on a DataFrame of the test rows and then handled like
    /// them: metrics.json, report, comment, baseline deltas and gates (<c>amount_recall &gt;= 0.6</c>). E.g.
    /// <c>IEnumerable&lt;CustomMetric&gt; IEvaluate.CustomMetrics =&gt; [new("amount_recall", MetricDirection.HigherIsBetter, rows =&gt; …)];</c>
    /// (docs/customising.md). Default: none.
    /// </summary>
    IEnumerable<CustomMetric> CustomMetrics => [];

    IReadOnlyList<string> IHazPipeline.BuildMetricNames => Trainyard.Evaluation.CustomMetrics.Names(CustomMetrics);

    Target Evaluate => _ => _
        .Description("Measures the model on the test split, writes metrics.json, and checks the release gates")
        .DependsOn(Train)
        .OnlyWhen(IHazTrigger.NothingToRetrain, () => TrainingChainRuns)
        .Uses(() => Pipeline)
        .Uses(() => Registry)
        .Uses("the spec's data, split, evaluation or gates section", () => Spec.FingerprintOf(s => new { s.Name, s.Task, s.Data, s.Schema, s.Split, s.Evaluation, s.Gates }))
        .Inputs(() => [.. DataFiles.Inputs(Context.RootDirectory, Spec.Data.Path), Spec.Schema, .. ArtifactPaths.TrainOutputs,
            .. Spec.Evaluation.Baseline is { } baseline ? [baseline] : Array.Empty<string>()])
        .Uses("the version in production", () => RegistryStore.ProductionDigest(Registry, Context.RootDirectory, Spec.Name))
        .Outputs(() => [ArtifactPaths.Metrics])
        .Executes(async cancellationToken =>
        {
            var spec = Spec;
            var metricsPath = ArtifactPaths.Metrics;
            var baseline = await WithRegistryAsync(registry => ModelBaseline.FindAsync(registry, spec, Context.RootDirectory, cancellationToken));
            Context.Console.WriteLine(baseline.Note);
            var report = await EvaluationRun.RunAsync(spec, Context.RootDirectory, ArtifactPaths, metricsPath,
                baseline, [.. CustomMetrics], Context.Console, cancellationToken);
            MetricsSummary.Render(Context.Console, report);
            if (report.Gates is { } gates) GateTable.Render(Context.Console, gates);
            Context.Console.WriteLine($"Wrote {metricsPath}");
            if (report.Gates is { Passed: false } failed)
                // The gate table above ends with the summary line; the failure says where to look, not the same line again.
                throw new TrainyardException($"{failed.FailedCount} of {failed.Results.Count} gate(s) failed; see the gate table above or {metricsPath}");
        });
}
