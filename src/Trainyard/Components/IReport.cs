using Spectre.Console;
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
    Target Report => _ => _
        .Description("Writes report.html: verdict, gates, metrics against the baseline, charts, data validation and lineage")
        .DependsOn(Evaluate)
        // No Inputs/Outputs: the report is cheap, and it must be redone after a failed Evaluate whatever changed.
        .AssuredAfterFailure()
        .Executes(async cancellationToken =>
        {
            var spec = Spec;
            var artifacts = RepositoryPath.Full(Context.RootDirectory, PipelineArtifacts);
            ModelBaseline baseline;
            try
            {
                baseline = await WithRegistryAsync(registry => ModelBaseline.FindAsync(registry, spec, Context.RootDirectory, cancellationToken));
            }
            catch (TrainyardException e)
            {
                baseline = ModelBaseline.Unreadable($"the baseline could not be read: {e.Message}");   // the report renders without it
            }
            var inputs = await ReportInputs.LoadAsync(spec.Name, artifacts, Context.RootDirectory, baseline, cancellationToken);
            Directory.CreateDirectory(artifacts);
            var path = $"{PipelineArtifacts}/report.html";
            var page = await HtmlReport.WriteAsync(RepositoryPath.Full(Context.RootDirectory, path), inputs, DateTimeOffset.UtcNow, cancellationToken);
            Context.Console.WriteLine(page.Verdict.Headline);
            foreach (var problem in inputs.Problems.Values) Context.Console.WriteLine($"Report: {problem}");
            Context.Console.WriteLine($"Wrote {path}");
        });
}
