using Trainyard.Artifacts.Monitoring;
using Trainyard.Pipelines;

namespace Trainyard.Monitoring;

/// <summary>Everything Monitor aggregates for one served version as the log streams past; nothing per row is kept.</summary>
internal sealed class VersionWindow
{
    readonly LiveInputs _inputs;
    readonly LiveScores _scores;
    readonly ServiceWindow _service = new();
    readonly LabelledRows _labelled;
    readonly IQualityEstimate? _estimate;
    readonly List<string> _notes = [];

    public VersionWindow(string version, VersionReference reference, QualityEstimator? estimator, string? note)
    {
        Version = version;
        Reference = reference;
        _inputs = new LiveInputs(reference);
        _scores = new LiveScores(reference.ScoreDeciles);
        _labelled = new LabelledRows(reference);
        if (note is not null) _notes.Add(note);
        string? whyNot = "estimated quality is not built in yet (Monitoring/Estimation)";
        _estimate = estimator?.Invoke(reference, out whyNot);
        if (_estimate is null && whyNot is not null) _notes.Add($"not estimated: {whyNot}");
    }

    public string Version { get; }
    public VersionReference Reference { get; }
    public string? Digest { get; private set; }
    public long Predictions => _service.Predictions;

    public void Add(in LoggedRequest request, LiveLabels? labels)
    {
        Digest ??= request.Digest;
        _service.Add(request);
        for (var i = 0; i < request.Rows; i++)
        {
            // The row and the score straight from the line's UTF-8; a parsed prediction only for those that read one.
            _inputs.Add(request.RowUtf8(i));
            if (PredictionScores.Read(request.PredictionUtf8(i), Reference.Task, Reference.Signature.Output.PositiveClass) is { } score) _scores.Add(score);
            _estimate?.Add(request.Prediction(i));
            if (labels?.Find(request, i) is { } label) _labelled.Add(label, request.Prediction(i));
        }
    }

    public VersionFigures Figures(PipelineSpec spec, LogWindow window, bool labelsGiven, DateTimeOffset now)
    {
        var drift = _inputs.Compare(spec, Reference, now);
        var notes = new List<string>(_notes);
        if (drift is null) notes.Add($"input drift not measured: {Reference.Source} has no training profile");
        var quality = _labelled.Metrics();
        if (!labelsGiven) notes.Add("no labels given (--labels): live quality not measured");
        else if (quality is null) notes.Add("no logged prediction of this version has a label");
        if (_labelled.Unreadable > 0) notes.Add($"{_labelled.Unreadable} label(s) are not one of the model's classes (or not numbers) and were left out");
        return new VersionFigures(Version, Digest, Reference.Source, _service.Figures(window), drift?.Columns ?? [],
            _scores.Compare(spec.Drift.MinSampleSize),
            quality?.Values ?? new Dictionary<string, double?>(),
            Reference.Metrics?.TaskScalars()?.Values ?? new Dictionary<string, double?>())
        {
            DriftSummary = drift?.Drift.Reason ?? "",
            Estimated = _estimate?.Result() ?? new Dictionary<string, double?>(),
            Notes = notes,
        };
    }
}
