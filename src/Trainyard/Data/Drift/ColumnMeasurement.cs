using Trainyard.Runtime.Drift;

namespace Trainyard.Data.Drift;

/// <summary>Every statistic of one column, before the verdict: the kind's test and all effect sizes.</summary>
internal sealed record ColumnMeasurement(DriftTest Test, DriftEffects Effects)
{
    public static ColumnMeasurement Of(DriftColumn column) => column switch
    {
        NumericDriftColumn numeric => Numeric(numeric.Reference, numeric.Current),
        CategoricalDriftColumn categorical => Categorical(categorical.Reference, categorical.Current),
        _ => throw new ArgumentException($"Unknown column kind {column.GetType().Name}.", nameof(column)),
    };

    public static ColumnMeasurement Numeric(INumericDistribution reference, INumericDistribution current)
    {
        var d = KolmogorovSmirnov.Statistic(reference, current);
        var test = new DriftTest(DriftMethod.KolmogorovSmirnov, d, null,
            KolmogorovSmirnov.PValue(d, reference.Count, current.Count), null);
        var effects = new DriftEffects(
            Psi.Numeric(reference, current),
            Wasserstein.Normed(reference, current),
            JensenShannon.Numeric(reference, current));
        return new ColumnMeasurement(test, effects);
    }

    public static ColumnMeasurement Categorical(CategoryCounts reference, CategoryCounts current)
    {
        var chi = ChiSquared.Test(reference, current);
        var test = new DriftTest(DriftMethod.ChiSquared, chi.Statistic, chi.DegreesOfFreedom, chi.PValue, null);
        var effects = new DriftEffects(
            Psi.Categorical(reference, current),
            null,
            JensenShannon.Categorical(reference, current));
        return new ColumnMeasurement(test, effects);
    }

    /// <summary>The distance a distance-based method compares with its threshold.</summary>
    public double DistanceFor(DriftMethod method) => method switch
    {
        DriftMethod.Psi => Effects.Psi,
        DriftMethod.JensenShannon => Effects.JensenShannon,
        DriftMethod.Wasserstein => Effects.WassersteinNormed
            ?? throw new InvalidOperationException("Wasserstein applies to numeric columns only."),
        _ => throw new ArgumentOutOfRangeException(nameof(method), method, "Not a distance."),
    };
}
