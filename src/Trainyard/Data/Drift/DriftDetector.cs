using Trainyard.Runtime.Drift;
using static System.FormattableString;

namespace Trainyard.Data.Drift;

/// <summary>
/// Compares current data with a reference profile, column by column, and judges the data set. Pure and
/// deterministic: the same distributions and options give the same result, bit for bit.
/// </summary>
internal static class DriftDetector
{
    public static DatasetDrift Compare(IReadOnlyList<DriftColumn> columns, DriftOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(columns);
        options ??= new DriftOptions();
        options.Validate();
        CheckColumns(columns, options);

        // First measure every column, then correct the p-values of the columns a test decides, then judge:
        // the correction needs all p-values of the family at once.
        var plans = columns.Select(column => Plan(column, options)).ToArray();
        var family = Enumerable.Range(0, plans.Length).Where(i => plans[i].Method?.IsTest() == true).ToArray();
        var corrected = PValueCorrection.Adjust(family.Select(i => plans[i].Measurement!.Test.PValue).ToArray(), options.Correction);
        var correctedByColumn = new double?[plans.Length];
        for (var j = 0; j < family.Length; j++) correctedByColumn[family[j]] = corrected[j];

        var results = plans.Select((plan, i) => Judge(plan, correctedByColumn[i], options)).ToArray();
        return Summarize(results, options);
    }

    private sealed record ColumnPlan(DriftColumn Column, DriftMethod? Method, ColumnMeasurement? Measurement, string? NotJudgedReason);

    private static ColumnPlan Plan(DriftColumn column, DriftOptions options)
    {
        var overrides = options.For(column.Column);
        if (overrides.Ignore) return new ColumnPlan(column, null, null, "ignored by configuration");
        var min = options.MinimumSampleSize;
        if (!DriftSample.Enough(column.ReferenceCount, column.CurrentCount, min))
        {
            var (side, n) = column.ReferenceCount < min ? ("reference", column.ReferenceCount) : ("current", column.CurrentCount);
            return new ColumnPlan(column, null, null, Invariant($"sample too small ({side} n={n} < {min})"));
        }
        var method = overrides.Method ?? options.DefaultMethod(column.Kind, column.ReferenceCount);
        return new ColumnPlan(column, method, ColumnMeasurement.Of(column), null);
    }

    private static ColumnDrift Judge(ColumnPlan plan, double? correctedPValue, DriftOptions options)
    {
        var column = plan.Column;
        if (plan.Method is not { } method || plan.Measurement is not { } measurement)
            return ColumnDrift.NotJudged(column, plan.NotJudgedReason!);

        var threshold = options.For(column.Column).Threshold ?? options.DefaultThreshold(method);
        var test = measurement.Test with { CorrectedPValue = correctedPValue };
        bool drifted;
        string reason;
        if (method.IsTest())
        {
            var p = correctedPValue!.Value;
            drifted = p <= threshold;
            var which = options.Correction == PValueCorrectionMethod.None ? "p-value" : $"{options.Correction} corrected p-value";
            reason = Invariant($"{method.DisplayName()} {which} {p:G4} {(drifted ? "≤" : ">")} {threshold:G4}");
            return Result(column, method, test, measurement.Effects, p, threshold, drifted, reason);
        }
        var distance = measurement.DistanceFor(method);
        drifted = distance >= threshold;
        reason = Invariant($"{method.DisplayName()} {distance:G4} {(drifted ? "≥" : "<")} {threshold:G4}");
        return Result(column, method, test, measurement.Effects, distance, threshold, drifted, reason);
    }

    private static ColumnDrift Result(DriftColumn column, DriftMethod method, DriftTest test, DriftEffects effects,
        double score, double threshold, bool drifted, string reason) =>
        new(column.Column, column.Kind, column.ReferenceCount, column.CurrentCount, method, test, effects,
            score, threshold, drifted ? DriftVerdict.Drifted : DriftVerdict.NotDrifted, reason);

    private static DatasetDrift Summarize(ColumnDrift[] results, DriftOptions options)
    {
        var judged = results.Count(r => r.Verdict != DriftVerdict.NotJudged);
        var drifted = results.Count(r => r.Verdict == DriftVerdict.Drifted);
        var threshold = options.DatasetDriftShare;
        if (judged == 0)
            return new DatasetDrift(results, 0, 0, null, threshold, DriftVerdict.NotJudged, options.Severity,
                "no column could be judged");
        var share = drifted / (double)judged;
        var verdict = share >= threshold ? DriftVerdict.Drifted : DriftVerdict.NotDrifted;
        var reason = Invariant($"{drifted} of {judged} judged columns drifted ({share * 100:0.#}%; threshold {threshold * 100:0.#}%)");
        return new DatasetDrift(results, judged, drifted, share, threshold, verdict, options.Severity, reason);
    }

    private static void CheckColumns(IReadOnlyList<DriftColumn> columns, DriftOptions options)
    {
        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (var column in columns)
        {
            if (!names.Add(column.Column)) throw new TrainyardException($"Drift: column '{column.Column}' is given twice.");
            if (options.For(column.Column).Method is { } method && !method.AppliesTo(column.Kind))
                throw new TrainyardException(
                    $"Drift options: column '{column.Column}' is {column.Kind.ToString().ToLowerInvariant()}, and {method.DisplayName()} does not apply to it.");
        }
        // A typo in a column name would otherwise silently leave the intended column on defaults.
        foreach (var name in options.Columns.Keys.Order(StringComparer.Ordinal))
            if (!names.Contains(name))
                throw new TrainyardException($"Drift options name column '{name}', which is not among the compared columns.");
    }
}
