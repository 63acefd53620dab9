using System.Text.Json;
using Trainyard.Artifacts.Monitoring;
using Trainyard.Pipelines;

namespace Trainyard.Monitoring;

/// <summary>
/// One time bucket of one version: its inputs profiled (ValidateData's profiler), its scores over the test deciles
/// and its labelled rows. The version's window figures are these buckets merged (<see cref="VersionWindow"/>), so each
/// row is profiled once.
/// </summary>
internal sealed class BucketWindow(LogWindow window, int index, VersionReference reference)
{
    readonly LabelledRows _labelled = new(reference);

    public LiveInputs Inputs { get; } = new(reference);
    public LiveScores Scores { get; } = new(reference.ScoreDeciles);
    public long Requests { get; private set; }

    public void AddRequest() => Requests++;

    public void Add(ReadOnlySpan<byte> row, double? score)
    {
        Inputs.Add(row);
        if (score is { } s) Scores.Add(s);
    }

    public void AddLabelled(string label, JsonElement prediction) => _labelled.Add(label, prediction);

    /// <summary>The bucket's drift per feature (the drift check's verdict, score and PSI), score PSI and realized quality.</summary>
    public BucketFigures Figures(PipelineSpec spec, bool labelsGiven, DateTimeOffset now)
    {
        var (from, to) = TimeBuckets.Span(window, index);
        var drift = Inputs.Compare(spec, reference, now)?.Columns ?? [];
        var quality = labelsGiven ? _labelled.Metrics()?.Values.Where(m => !m.Key.StartsWith("class.", StringComparison.Ordinal))
            .ToDictionary(StringComparer.Ordinal) : null;
        return new BucketFigures(from, to, Requests, Inputs.Rows,
            [.. drift.Select(d => new BucketDrift(d.Column, d.Verdict, d.Score, d.Psi))],
            Scores.Compare(spec.Drift.MinSampleSize).Psi,
            quality ?? new Dictionary<string, double?>())
        {
            Labelled = _labelled.Count,
        };
    }
}
