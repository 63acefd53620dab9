using System.Text.Json;
using Spectre.Console;
using Trainyard.Evaluation;
using Trainyard.IO;
using Trainyard.Registry;
using Trainyard.Reporting;
using Trainyard.Targets;

namespace Trainyard.Components;

/// <summary>
/// Report: one self-contained HTML page (inline CSS and SVG, nothing from the network) from what ValidateData, Train
/// and Evaluate wrote. It runs even when Evaluate's gate failed — that is when the report matters most — and a
/// missing artifact becomes a section that says so.
/// </summary>
public interface IReport : IEvaluate
{
    /// <summary>
    /// Settings hook: receives the settings built for this pipeline (title: its name) and returns the ones to render
    /// with, e.g. <c>Configure&lt;ReportSettings&gt; IReport.ReportSettings =&gt; s =&gt; s with { Title = "Churn · growth team" };</c>
    /// Default: unchanged.
    /// </summary>
    Configure<ReportSettings> ReportSettings => settings => settings;

    Target Report => _ => _
        .Description("Writes report.html: verdict, gates, metrics against the baseline, charts, data validation and lineage")
        .DependsOn(Evaluate)
        // Up to date while everything it renders from is unchanged. After a failed Evaluate it still runs when
        // Evaluate wrote new metrics (an input): the same inputs would only render the same page again.
        .Uses(() => Pipeline)
        .Uses(() => Registry)
        .Uses("the pipeline spec", () => Spec.FingerprintOf(s => s))
        .Uses("the report settings", () => JsonSerializer.Serialize(ReportSettings(new ReportSettings { Title = Spec.Name })))
        .Inputs(() => ReportSources)
        .Uses("the version in production", () => RegistryStore.ProductionDigest(Registry, Context.RootDirectory, Spec.Name))
        .Outputs(() => [ArtifactPaths.Report])
        .AlwaysRunsWhen(RemoteBaseline, () => RegistryStore.IsRemote(Registry))
        .AssuredAfterFailure()
        .Executes(async cancellationToken =>
        {
            var spec = Spec;
            var artifacts = RepositoryPath.Full(Context.RootDirectory, PipelineArtifacts);
            var inputs = await ReportInputs.LoadAsync(spec.Name, artifacts, Context.RootDirectory, await ReportBaselineAsync(cancellationToken), cancellationToken);
            Directory.CreateDirectory(artifacts);
            var path = ArtifactPaths.Report;
            var settings = ReportSettings(new ReportSettings { Title = spec.Name });
            var page = await HtmlReport.WriteAsync(RepositoryPath.Full(Context.RootDirectory, path), inputs, DateTimeOffset.UtcNow, settings, cancellationToken);
            Context.Console.WriteLine(page.Verdict.Headline);
            foreach (var problem in inputs.Problems.Values) Context.Console.WriteLine($"Report: {problem}");
            Context.Console.WriteLine($"Wrote {path}");
        });

    /// <summary>
    /// What Report and Comment render from: the pipeline's artifacts, the drift reference, and where the baseline
    /// comes from (the spec's baseline file; the version in production is a used value).
    /// </summary>
    internal IEnumerable<string> ReportSources =>
    [
        .. ArtifactPaths.ReportSources,
        .. Spec.Drift.Reference is { } reference ? [reference] : Array.Empty<string>(),
        .. Spec.Evaluation.Baseline is { } baseline ? [baseline] : Array.Empty<string>(),
    ];

    /// <summary>Why Report and Comment run each time with a remote registry.</summary>
    internal const string RemoteBaseline = "the baseline comes from a remote registry, which Trainyard does not fingerprint";

    /// <summary>
    /// The baseline a report or comment shows: the one Evaluate compares with (the version holding production, else
    /// the spec's file). A registry that cannot be read does not stop the report: it renders, and says why.
    /// </summary>
    internal async Task<ModelBaseline> ReportBaselineAsync(CancellationToken cancellationToken)
    {
        try
        {
            return await WithRegistryAsync(registry => ModelBaseline.FindAsync(registry, Spec, Context.RootDirectory, cancellationToken));
        }
        catch (TrainyardException e)
        {
            return ModelBaseline.Unreadable($"the baseline could not be read: {e.Message}");
        }
    }
}
