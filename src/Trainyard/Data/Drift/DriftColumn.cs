using Trainyard.Runtime.Drift;

namespace Trainyard.Data.Drift;

/// <summary>One column to compare: its reference distribution (from the reference profile) and the current one.</summary>
internal abstract record DriftColumn(string Column)
{
    public abstract DriftColumnKind Kind { get; }
    public abstract long ReferenceCount { get; }
    public abstract long CurrentCount { get; }
}

/// <summary>A numeric column, known through quantile sketches on both sides.</summary>
internal sealed record NumericDriftColumn(string Column, INumericDistribution Reference, INumericDistribution Current)
    : DriftColumn(Column)
{
    public override DriftColumnKind Kind => DriftColumnKind.Numeric;
    public override long ReferenceCount => Reference.Count;
    public override long CurrentCount => Current.Count;
}

/// <summary>A categorical column, known through exact value counts on both sides.</summary>
internal sealed record CategoricalDriftColumn(string Column, CategoryCounts Reference, CategoryCounts Current)
    : DriftColumn(Column)
{
    public override DriftColumnKind Kind => DriftColumnKind.Categorical;
    public override long ReferenceCount => Reference.Total;
    public override long CurrentCount => Current.Total;
}
