namespace Trainyard.Runtime.Drift;

/// <summary>
/// A numeric column's distribution as drift statistics need it. Profiles implement it from their mergeable
/// quantile sketch, so a reference profile read from JSON and the current data's profile compare the same way.
/// </summary>
internal interface INumericDistribution
{
    /// <summary>Non-missing values seen.</summary>
    long Count { get; }
    double Min { get; }
    double Max { get; }
    double Mean { get; }
    double StandardDeviation { get; }

    /// <summary>The value below which a share <paramref name="q"/> (0..1) of the values lie.</summary>
    double Quantile(double q);

    /// <summary>The share of values ≤ <paramref name="x"/>, 0..1.</summary>
    double Cdf(double x);

    /// <summary>
    /// The smallest bin edge ≥ <paramref name="x"/> at which <see cref="Cdf"/> counts values exactly: x itself for
    /// exact data, the top of x's bucket for a sketch. Drift bins use these edges, so a server that counts single
    /// values into them gets the shares a sketch of the same values gives.
    /// </summary>
    double BinEdgeAtOrAbove(double x) => x;
}
