using Trainyard.Pipelines;

namespace Trainyard.Training;

/// <summary>How many of a group's rows go to test and validation, and how small a group may be.</summary>
internal static class DataSplitShares
{
    /// <summary>
    /// <paramref name="rows"/> × <paramref name="share"/>, rounded to the nearest whole row, halves up
    /// (10 rows × 0.25 = 2.5 → 3). Computed in decimal so a share as written (0.1) rounds as written.
    /// </summary>
    public static int Of(int rows, double share) =>
        (int)Math.Round((decimal)share * rows, MidpointRounding.AwayFromZero);

    /// <summary>Test, validation and training row counts for a group of <paramref name="rows"/> rows.</summary>
    public static (int Train, int Validation, int Test) Counts(int rows, SplitSpec spec)
    {
        var test = Of(rows, spec.TestShare);
        var validation = Of(rows, spec.ValidationShare);
        // test + validation shares are below 1, so the rounded counts never exceed the group.
        return (rows - test - validation, validation, test);
    }

    /// <summary>The fewest rows a group needs to put at least one row into each of the three parts.</summary>
    public static int MinimumRows(SplitSpec spec)
    {
        // Below half a row per share no group can reach a part, so start the search just under that point.
        var start = Math.Max(3, (int)Math.Min(int.MaxValue / 2, Math.Floor(0.5 / Math.Min(spec.TestShare, spec.ValidationShare))) - 1);
        for (var rows = start; ; rows++)
            if (Counts(rows, spec) is { Train: > 0, Validation: > 0, Test: > 0 })
                return rows;
    }
}
