namespace Trainyard.Data.Drift;

internal enum DriftVerdict
{
    Drifted,
    NotDrifted,
    /// <summary>Neither drift nor no drift: the column was ignored or a sample was too small to say.</summary>
    NotJudged,
}

/// <summary>What a drifted data set means for the run: a warning in the report, or a failed check.</summary>
internal enum DriftSeverity
{
    Warning,
    Error,
}
