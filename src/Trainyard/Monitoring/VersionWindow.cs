using Trainyard.Artifacts.Monitoring;
using Trainyard.Evaluation;
using Trainyard.Pipelines;

namespace Trainyard.Monitoring;

/// <summary>Everything Monitor aggregates for one served version as the log streams past; nothing per row is kept.</summary>
internal sealed class VersionWindow
{
    readonly LogWindow _window;
    // Time bucket → its figures; only buckets that logged something exist.
    readonly SortedDictionary<int, BucketWindow> _buckets = [];
    readonly ServiceWindow _service = new();
    readonly LabelledRows _labelled;
    readonly IQualityEstimate? _estimate;
    readonly List<string> _notes = [];

    public VersionWindow(string version, VersionReference reference, LogWindow window, QualityEstimator? estimator, string? note)
    {
        Version = version;
        Reference = reference;
        _window = window;
        _labelled = new LabelledRows(reference);
        if (note is not null) _notes.Add(note);
        string? whyNot = "no estimator was given (MonitorRequest.Estimator)";
        _estimate = estimator?.Invoke(reference, out whyNot);
        if (_estimate is null && whyNot is not null) _notes.Add($"not estimated: {whyNot}");
    }

    public string Version { get; }
    public VersionReference Reference { get; }
    public string? Digest { get; private set; }
    public long Predictions => _service.Predictions;

    /// <summary>The labelled predictions, scored as Evaluate scores (A/B differences bootstrap over them); null without any.</summary>
    public TaskMetrics? Labelled => _labelled.Scored();

    public void Add(in LoggedRequest request, LiveLabels? labels)
    {
        Digest ??= request.Digest;
        _service.Add(request);
        var index = TimeBuckets.IndexOf(_window, request.Time);
        if (!_buckets.TryGetValue(index, out var bucket)) _buckets[index] = bucket = new BucketWindow(_window, index, Reference);
        bucket.AddRequest();
        for (var i = 0; i < request.Rows; i++)
        {
            // The row and the score straight from the line's UTF-8; a parsed prediction only for those that read one.
            bucket.Add(request.RowUtf8(i), PredictionScores.Read(request.PredictionUtf8(i), Reference.Task, Reference.Signature.Output.PositiveClass));
            _estimate?.Add(request.Prediction(i));
            if (labels?.Find(request, i) is { } label)
            {
                var prediction = request.Prediction(i);
                bucket.AddLabelled(label, prediction);
                _labelled.Add(label, prediction);
            }
        }
    }

    public VersionFigures Figures(PipelineSpec spec, LogWindow window, bool labelsGiven, DateTimeOffset now)
    {
        // The window is its buckets merged: each row was profiled once, into its bucket.
        var inputs = new LiveInputs(Reference);
        var scores = new LiveScores(Reference.ScoreDeciles);
        foreach (var bucket in _buckets.Values)
        {
            inputs.Merge(bucket.Inputs);
            scores.Merge(bucket.Scores);
        }
        var drift = inputs.Compare(spec, Reference, now);
        var notes = new List<string>(_notes);
        if (drift is null) notes.Add($"input drift not measured: {Reference.Source} has no training profile");
        var quality = _labelled.Metrics();
        if (!labelsGiven) notes.Add("no labels given (--labels): live quality not measured");
        else if (quality is null) notes.Add("no logged prediction of this version has a label");
        if (_labelled.Unreadable > 0) notes.Add($"{_labelled.Unreadable} label(s) are not one of the model's classes (or not numbers) and were left out");
        return new VersionFigures(Version, Digest, Reference.Source, _service.Figures(window), drift?.Columns ?? [],
            scores.Compare(spec.Drift.MinSampleSize),
            quality?.Values ?? new Dictionary<string, double?>(),
            Reference.Metrics?.TaskScalars()?.Values ?? new Dictionary<string, double?>())
        {
            DriftSummary = drift?.Drift.Reason ?? "",
            Estimated = _estimate?.Result() ?? new Dictionary<string, double?>(),
            Notes = notes,
            Buckets = [.. _buckets.Values.Select(b => b.Figures(spec, labelsGiven, now))],
        };
    }
}
