using Trainyard.Data.Drift;
using Trainyard.Data.Profiling;
using Trainyard.Pipelines;
using Trainyard.Runtime.Drift;
using DriftCategoryCounts = Trainyard.Runtime.Drift.CategoryCounts;
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
        var empty = new List<ColumnDrift>();
        foreach (var now in current.Columns)
        {
            if (reference.Find(now.Name) is not { } before) continue;
            if (Pair(now, before) is { } column) columns.Add(column);
            else if (NoValues(now, before) is { } noValues) empty.Add(noValues);
            else if (before.Type != now.Type)
                findings.Add(ValidationFinding.Warning(now.Name, "drift", $"{before.Type.ToString().ToLowerInvariant()} as in the reference profile",
                    $"{now.Type.ToString().ToLowerInvariant()}: not compared"));
        }

        CheckOverrides(spec.Drift, columns, empty);
        var options = Options(spec.Drift, columns.Select(c => c.Column).ToHashSet(StringComparer.Ordinal));
        var compared = DriftDetector.Compare(columns, options);
        var drift = empty.Count == 0 ? compared : compared with { Columns = [.. compared.Columns, .. empty] };

        foreach (var column in drift.Drifted)
            findings.Add(new ValidationFinding(spec.Drift.Severity, column.Column, "drift", "no drift against the reference profile",
                column.Reason + Effects(column), []));
        if (drift.Verdict == DriftVerdict.Drifted)
            findings.Add(new ValidationFinding(spec.Drift.Severity, null, "dataset_drift",
                $"< {Describe.Share(drift.Threshold)} of columns drifting", drift.Reason, []));
        return (drift, findings);
    }

    /// <summary>
    /// A column with no values on one side (empty in every row, or a header-only file) has nothing to compare: it is
    /// "not judged (no values)", whatever the spec says about it; its null rate or the row count is the data's error.
    /// </summary>
    static ColumnDrift? NoValues(ColumnProfile now, ColumnProfile before)
    {
        if (now.Count - now.Missing > 0 && before.Count - before.Missing > 0) return null;
        var kind = before.Type == ColumnType.Numeric ? DriftColumnKind.Numeric : DriftColumnKind.Categorical;
        return new ColumnDrift(now.Name, kind, before.Count - before.Missing, now.Count - now.Missing,
            null, null, null, null, null, DriftVerdict.NotJudged, "no values");
    }

    /// <summary>Every drift.columns entry names a compared column whose kind its method fits; errors name file:line:col.</summary>
    static void CheckOverrides(DriftSpec spec, IReadOnlyList<DriftColumn> columns, IReadOnlyList<ColumnDrift> empty)
    {
        var kinds = columns.ToDictionary(c => c.Column, c => c.Kind, StringComparer.Ordinal);
        var notJudged = empty.Select(c => c.Column).ToHashSet(StringComparer.Ordinal);
        foreach (var (name, column) in spec.Columns)
        {
            if (notJudged.Contains(name)) continue;
            if (!kinds.TryGetValue(name, out var kind))
                throw new TrainyardException($"drift.columns: {ShownValue.Quoted(name)} is not a numeric or categorical column of both the data and the reference profile; "
                    + $"{Quote.DidYouMean(name, kinds.Keys)}fix the name or remove the entry", column.Location);
            if (Method(column.Method) is { } method && !method.AppliesTo(kind))
                throw new TrainyardException($"drift.columns: '{name}' is {kind.ToString().ToLowerInvariant()}, and {method.DisplayName()} does not apply to it; "
                    + $"choose {(kind == DriftColumnKind.Numeric ? "ks, wasserstein, psi or jensenshannon" : "chisquare, psi or jensenshannon")}", column.Location);
        }
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

    static DriftOptions Options(DriftSpec spec, IReadOnlySet<string> compared)
    {
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
            Columns = spec.Columns.Where(c => compared.Contains(c.Key)).ToDictionary(c => c.Key, c => new ColumnDriftOptions(Method(c.Value.Method), c.Value.Threshold, c.Value.Ignore)),
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
