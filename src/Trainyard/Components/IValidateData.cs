using Spectre.Console;
using Trainyard.Data.Files;
using Trainyard.Data.Profiling;
using Trainyard.Data.Validation;
using Trainyard.IO;
using Trainyard.Pipelines;
using Trainyard.Targets;

namespace Trainyard.Components;

/// <summary>
/// ValidateData: checks the pipeline's data against its schema and rules and against the reference profile for drift,
/// writes validation.json and profile.json, and fails the build on errors (not on warnings).
/// </summary>
public interface IValidateData : IHazPipeline, IHazTrigger
{
    Target ValidateData => _ => _
        .Description("Checks the data against the schema and rules, profiles it, and compares it with the reference profile for drift")
        .Uses(() => Pipeline)
        .OnlyWhen(IHazTrigger.NothingToRetrain, () => TrainingChainRuns)
        .Uses("the spec's data, validation or drift section", () => Spec.FingerprintOf(s => new { s.Name, s.Task, s.Data, s.Schema, s.Validation, s.Drift }))
        .Uses("drift reported as warnings (Retrain)", () => DriftAsWarnings ? "yes" : null)
        .Inputs(() => [.. DataFiles.Inputs(Context.RootDirectory, Spec.Data.Path), Spec.Schema, .. Spec.Drift.Reference is { } r ? [r] : Array.Empty<string>()])
        .Outputs(() => [ArtifactPaths.Validation, ArtifactPaths.Profile])
        .Executes(async cancellationToken =>
        {
            var spec = DriftAsWarnings ? Spec with { Drift = Spec.Drift with { Severity = CheckSeverity.Warning } } : Spec;
            var root = Context.RootDirectory;
            var progress = ScanProgressDisplay.For(Context.Console, DataFiles.Inputs(root, spec.Data.Path).Select(p => RepositoryPath.Full(root, p)));
            var validationPath = RepositoryPath.Full(root, ArtifactPaths.Validation);
            var profilePath = RepositoryPath.Full(root, ArtifactPaths.Profile);
            // An earlier run's profile must never pass for this run's: it goes before anything can fail.
            if (File.Exists(profilePath)) File.Delete(profilePath);
            ValidationOutcome outcome;
            try { outcome = await DataValidation.RunAsync(spec, root, ProfileOptions.Default, progress, cancellationToken); }
            catch (TrainyardException e)
            {
                // A file that cannot be read still leaves a verdict saying so (and why), not the last run's.
                await ValidationJson.WriteAsync(validationPath, Data.Validation.ValidationResult.Unreadable(spec, e), cancellationToken);
                throw;
            }
            var (result, profile) = outcome;
            if (DriftAsWarnings && result.Drift is not null)
                result = result with { DriftNote = $"drift.severity: error is reported as warnings: Retrain trains the next model on this data, drift against {spec.Drift.Reference} included" };

            // Written before failing, so a failed validation still leaves its evidence for Report and for people.
            await ValidationJson.WriteAsync(validationPath, result, cancellationToken);
            await ProfileJson.WriteAsync(profilePath, profile, cancellationToken);
            ValidationTable.Render(Context.Console, result, spec.Validation.MaxExamples);
            Context.Console.WriteLine($"Wrote {ArtifactPaths.Validation} and {ArtifactPaths.Profile}");

            if (!result.Passed)
                throw new TrainyardException($"{spec.Data.Path} failed validation with {result.Errors} error(s); see the table above or {ArtifactPaths.Validation}");
        });

    /// <summary><c>drift.severity: error</c> in a build that trains on data expected to have drifted (a Retrain).</summary>
    private bool DriftAsWarnings => TrainsOnDriftedData && Spec.Drift.Severity == CheckSeverity.Error;
}
