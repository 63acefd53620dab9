using Trainyard.Data.Csv;
using Trainyard.Data.Profiling;
using Trainyard.Data.Scanning;
using Trainyard.Pipelines;

namespace Trainyard.Data.Validation;

/// <summary>What a validation run produced: the verdict and the data's profile (the next model's drift reference).</summary>
internal sealed record ValidationOutcome(ValidationResult Result, DataProfile Profile);

/// <summary>
/// Validates a pipeline's data in one streaming pass: the scan profiles every column and checks every value against
/// the schema at once, then the data-set rules, the label rules and the drift comparison read the merged profile.
/// </summary>
internal static class DataValidation
{
    public static async Task<ValidationOutcome> RunAsync(PipelineSpec spec, string root, ProfileOptions profileOptions,
        IProgress<ScanProgress>? progress, CancellationToken cancellationToken)
    {
        // The scan's loops are compiled on the spare core while this thread reads the schema and the header.
        ScanLoops.CompileInBackground();
        var schema = LoadSchema(spec, root);
        var reference = await LoadReferenceAsync(spec, root, cancellationToken);
        var idColumn = schema.Id ?? spec.Data.Id;

        var scan = await ProfileScan.RunAsync(spec, root, schema, idColumn, profileOptions, progress, cancellationToken);
        var accumulators = scan.Accumulators.Cast<ColumnAccumulator>().ToList();
        var profile = DataProfile.From(spec.Data.Path, scan.RowCount, accumulators, DateTimeOffset.UtcNow);
        var violations = accumulators.SelectMany(a => a.ToViolations()).ToList();

        var findings = new List<ValidationFinding>();
        findings.AddRange(DatasetRules.Check(spec, idColumn, scan));
        findings.AddRange(SchemaRules.Check(schema, spec, scan.Columns, profile, violations));
        findings.AddRange(LabelRules.Check(spec, schema, profile, violations));

        Drift.DatasetDrift? drift = null;
        string? note = null;
        if (reference is null)
            note = spec.Drift.Reference is null
                ? "drift not checked: the spec names no reference profile (drift.reference)"
                : $"drift not checked: reference profile {spec.Drift.Reference} does not exist yet (to use this data as the reference: cp artifacts/{spec.Name}/profile.json {spec.Drift.Reference})";
        else
        {
            try
            {
                var (datasetDrift, driftFindings) = DriftCheck.Compare(spec, reference, profile);
                drift = datasetDrift;
                findings.AddRange(driftFindings);
            }
            // The data's own errors come first: a drift override that cannot apply to broken data waits its turn.
            catch (TrainyardException e) when (findings.Any(f => f.Severity == CheckSeverity.Error))
            {
                note = $"drift not checked: {e.Message}";
            }
        }

        var result = new ValidationResult(spec.Name, spec.Data.Path, scan.RowCount,
            findings.OrderBy(f => f.Severity == CheckSeverity.Error ? 0 : 1).ToList(), drift, reference is null ? null : spec.Drift.Reference, note)
        { Files = scan.Files.Count > 1 ? scan.Files : [] };
        return new ValidationOutcome(result, profile);
    }

    static DatasetSchema LoadSchema(PipelineSpec spec, string root)
    {
        var path = Path.Combine(root, spec.Schema);
        if (!File.Exists(path))
            throw new TrainyardException($"schema file not found: {spec.Schema}. Create it from the data with './build.sh InferSchema --pipeline {spec.SourcePath}', review it and commit it.");
        return SchemaFile.Parse(File.ReadAllText(path), spec.Schema);
    }

    static async Task<DataProfile?> LoadReferenceAsync(PipelineSpec spec, string root, CancellationToken cancellationToken)
    {
        if (spec.Drift.Reference is not { } reference) return null;
        var path = Path.Combine(root, reference);
        return File.Exists(path) ? await ProfileJson.ReadAsync(path, cancellationToken) : null;
    }
}
