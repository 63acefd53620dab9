using System.Collections.Immutable;

namespace Trainyard.Training;

/// <summary>
/// The rows of each part of a split, as row indices into the data set in ascending order. Rows left out
/// (no label, or no time for a time split) are in none of the three and are counted instead.
/// </summary>
/// <param name="Train">Rows the model is fitted on.</param>
/// <param name="Validation">Rows for early stopping and choosing the decision threshold.</param>
/// <param name="Test">Rows held out for Evaluate.</param>
/// <param name="MissingLabelRows">Rows without a label, left out.</param>
/// <param name="MissingTimeRows">Time split: labelled rows without a time value, left out (0 for a random split).</param>
internal sealed record DataSplitResult(
    ImmutableArray<int> Train,
    ImmutableArray<int> Validation,
    ImmutableArray<int> Test,
    int MissingLabelRows,
    int MissingTimeRows);
