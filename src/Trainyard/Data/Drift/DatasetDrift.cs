namespace Trainyard.Data.Drift;

/// <summary>
/// The data set's drift: every column's result (in input order), the share of judged columns that drifted, and the
/// verdict against <see cref="Threshold"/>. NotJudged when no column could be judged.
/// </summary>
internal sealed record DatasetDrift(
    IReadOnlyList<ColumnDrift> Columns,
    int JudgedCount,
    int DriftedCount,
    double? ShareDrifted,
    double Threshold,
    DriftVerdict Verdict,
    DriftSeverity Severity,
    string Reason)
{
    public IEnumerable<ColumnDrift> Drifted => Columns.Where(c => c.Verdict == DriftVerdict.Drifted);
}
