namespace Trainyard.Pipelines;

/// <summary>
/// How Monitor judges production (section <c>monitor</c>, docs/monitor.md): the default window, where the
/// prediction log is, what too little traffic means, what makes a retrain, and gates on live figures written in
/// the gate grammar with <c>evaluated</c> (the version's evaluated metric) as the word to compare against.
/// Drift methods, thresholds, correction and minimum sample come from the <c>drift</c> section, as for ValidateData.
/// </summary>
internal sealed record MonitorSpec
{
    /// <summary>The window judged when the command line gives none (<c>--since</c>, <c>--from</c>/<c>--to</c>).</summary>
    public TimeSpan Since { get; init; } = TimeSpan.FromHours(24);

    /// <summary>Folder of prediction logs, relative to the root; null: copied out of the running model servers.</summary>
    public string? Log { get; init; }

    /// <summary>Fewer than <see cref="MinRows"/> logged predictions: fail (exit 1) or pass (verdict no_data, exit 0).</summary>
    public MonitorNoData NoData { get; init; } = MonitorNoData.Fail;

    public int MinRows { get; init; } = 100;

    /// <summary>What makes <c>retrain=true</c>.</summary>
    public IReadOnlyList<RetrainCause> RetrainOn { get; init; } = [RetrainCause.Drift, RetrainCause.Quality];

    public IReadOnlyList<GateRule> Gates { get; init; } = [];

    public bool Equals(MonitorSpec? other) =>
        other is not null && Since == other.Since && Log == other.Log && NoData == other.NoData && MinRows == other.MinRows
        && RetrainOn.SequenceEqual(other.RetrainOn) && Gates.Select(g => g.Text).SequenceEqual(other.Gates.Select(g => g.Text));

    public override int GetHashCode() => HashCode.Combine(Since, Log, NoData, MinRows);
}

internal enum MonitorNoData { Fail, Pass }

internal enum RetrainCause { Drift, Quality }
