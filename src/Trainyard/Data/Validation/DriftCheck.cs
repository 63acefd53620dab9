using Trainyard.Data.Drift;
using Trainyard.Data.Profiling;
using Trainyard.Pipelines;
using DriftCategoryCounts = Trainyard.Data.Drift.CategoryCounts;
using SpecMethod = Trainyard.Pipelines.DriftMethod;

namespace Trainyard.Data.Validation;

/// <summary>Compares the current data's profile with the reference profile the spec names, column by column.</summary>
internal static class DriftCheck
{
    public static (DatasetDrift Drift, IReadOnlyList<ValidationFinding> Findings) Compare(
        PipelineSpec spec, DataProfile reference, DataProfile current)
    {
        var findings = new List<ValidationFinding>();
        var columns = new List<DriftColumn>();
        foreach (var now in current.Columns)
        {
            if (reference.Find(now.Name) is not { } before) continue;
            if (Pair(now, before) is { } column) columns.Add(column);
            else if (before.Type != now.Type)
                findings.Add(ValidationFinding.Warning(now.Name, "drift", $"{before.Type.ToString().ToLowerInvariant()} as in the reference profile",
                    $"{now.Type.ToString().ToLowerInvariant()}: not compared"));
        }

        var options = Options(spec.Drift, columns.Select(c => c.Column).ToHashSet(StringComparer.Ordinal), spec.SourcePath);
        DatasetDrift drift;
        try { drift = DriftDetector.Compare(columns, options); }
        catch (TrainyardException e) { throw new TrainyardException($"{spec.SourcePath}, drift section: {e.Message}"); }

        foreach (var column in drift.Drifted)
            findings.Add(new ValidationFinding(spec.Drift.Severity, column.Column, "drift", "no drift against the reference profile",
                column.Reason + Effects(column), []));
        if (drift.Verdict == DriftVerdict.Drifted)
            findings.Add(new ValidationFinding(spec.Drift.Severity, null, "dataset_drift",
                $"< {Describe.Share(drift.Threshold)} of columns drifting", drift.Reason, []));
        return (drift, findings);
    }

    static DriftColumn? Pair(ColumnProfile now, ColumnProfile before)
    {
        if (now.Type == ColumnType.Numeric && before.Type == ColumnType.Numeric
            && now.NumericDistribution() is { } current && before.NumericDistribution() is { } reference)
            return new NumericDriftColumn(now.Name, reference, current);
        if (now.Type is ColumnType.Categorical or ColumnType.Boolean && before.Type == now.Type
            && now.CategoryCounts() is { } currentCounts && before.CategoryCounts() is { } referenceCounts)
            return new CategoricalDriftColumn(now.Name, new DriftCategoryCounts(referenceCounts, before.Missing),
                new DriftCategoryCounts(currentCounts, now.Missing));
        return null;
    }

    static DriftOptions Options(DriftSpec spec, IReadOnlySet<string> compared, string specPath)
    {
        var unknown = spec.Columns.Keys.Where(c => !compared.Contains(c)).ToList();
        if (unknown.Count > 0)
            throw new TrainyardException($"{specPath}, drift.columns: {Describe.List(unknown)} is not a numeric or categorical column of both the data and the reference profile; fix the name or remove the entry");
        return new DriftOptions
        {
            SignificanceLevel = spec.PValue,
            MinimumSampleSize = spec.MinSampleSize,
            DatasetDriftShare = spec.DatasetDriftShare,
            PsiThreshold = spec.PsiThreshold,
            Correction = spec.Correction switch
            {
                DriftCorrection.Bonferroni => PValueCorrectionMethod.Bonferroni,
                DriftCorrection.None => PValueCorrectionMethod.None,
                _ => PValueCorrectionMethod.Holm,
            },
            Severity = spec.Severity == CheckSeverity.Error ? DriftSeverity.Error : DriftSeverity.Warning,
            Columns = spec.Columns.ToDictionary(c => c.Key, c => new ColumnDriftOptions(Method(c.Value.Method), c.Value.Threshold, c.Value.Ignore)),
        };
    }

    static Drift.DriftMethod? Method(SpecMethod? method) => method switch
    {
        SpecMethod.Psi => Drift.DriftMethod.Psi,
        SpecMethod.Ks => Drift.DriftMethod.KolmogorovSmirnov,
        SpecMethod.ChiSquare => Drift.DriftMethod.ChiSquared,
        SpecMethod.Wasserstein => Drift.DriftMethod.Wasserstein,
        SpecMethod.JensenShannon => Drift.DriftMethod.JensenShannon,
        _ => null,
    };

    static string Effects(ColumnDrift column) => column.Effects is { } e
        ? $" (PSI {e.Psi:0.###}" + (e.WassersteinNormed is { } w ? $", Wasserstein/std {w:0.###}" : $", Jensen–Shannon {e.JensenShannon:0.###}") + ")"
        : "";
}
