using System.Diagnostics;
using Trainyard.Runtime.Scoring;

namespace Trainyard.Training.MLNet;

/// <summary>
/// What an ML.NET trainer hands back, made into a <see cref="TrainedModel"/> the way XGBoost's is: Trainyard scores
/// the validation rows with the exported trees round by round (the cumulative sum of each round's prefix, exactly as
/// the managed scorer sums them) and records the metric XGBoost reports (auc, mlogloss, rmse), so every trainer has
/// the same history, best round and progress display. Rows are unweighted in these metrics.
/// </summary>
internal sealed class EnsembleRounds
{
    public required string Trainer { get; init; }
    public required TrainingSet Training { get; init; }
    public TrainingSet? Validation { get; init; }
    public required TrainingSettings Settings { get; init; }

    /// <summary>The exported trees of every round trained, in the order the scorer sums them (round −1: constant terms).</summary>
    public required IReadOnlyList<ExportedTree> Trees { get; init; }

    /// <summary>base_score as written in the model (a probability for binary).</summary>
    public required float BaseScore { get; init; }

    /// <summary>
    /// True when Trainyard picks the best round itself (FastTree: its model holds every round, cut here by the
    /// rule XGBoost uses); false when the trainer already stopped early and the model ends at its best round (LightGBM).
    /// </summary>
    public required bool CutAtBestRound { get; init; }

    /// <summary>Rounds the trainer ran, when more than the model holds (LightGBM's early stopping).</summary>
    public int? RoundsRun { get; init; }

    public required IReadOnlyList<KeyValuePair<string, string>> Parameters { get; init; }

    public required TimeSpan Elapsed { get; init; }

    public static string MetricOf(TrainingTask task) => task.Kind switch
    {
        TaskKind.BinaryClassification => "auc",
        TaskKind.MulticlassClassification => "mlogloss",
        _ => "rmse",
    };

    public TrainedModel Finish(IProgress<TrainingProgress>? progress)
    {
        var rounds = Trees.Count == 0 ? 0 : Trees.Max(t => t.Round) + 1;
        var history = Validation is null ? [] : History(Validation, rounds);
        var metric = Validation is null ? null : MetricOf(Settings.Task);
        var best = Math.Max(rounds - 1, 0);
        if (CutAtBestRound && metric is not null && Settings.EarlyStoppingRounds > 0 && history.Count > 0)
        {
            var stopping = new EarlyStopping(metric, Settings.EarlyStoppingRounds);
            foreach (var round in history)
                if (stopping.Observe(round.Iteration, round.Value)) break;
            best = stopping.BestIteration;
        }
        var trained = Math.Max(RoundsRun ?? rounds, 1);
        for (var r = 0; r < history.Count; r++)
        {
            var elapsed = Elapsed * (r + 1) / Math.Max(history.Count, 1);
            progress?.Report(new TrainingProgress(r + 1, Settings.Rounds, metric, history[r].Value, elapsed, Elapsed - elapsed));
        }
        if (history.Count == 0) progress?.Report(new TrainingProgress(trained, Settings.Rounds, null, null, Elapsed, TimeSpan.Zero));

        var kept = Trees.Where(t => t.Round <= best).ToList();
        return new TrainedModel
        {
            ModelJson = TreeEnsembleExport.Write(Settings.Task, Training.FeatureNames, kept, BaseScore),
            BestIteration = best,
            BestScore = history.Count > best ? history[best].Value : null,
            MetricName = metric,
            RoundsTrained = trained,
            History = history,
            Importance = Importance(kept, Training.FeatureNames),
            Parameters = Parameters,
            Trainer = Trainer,
            TrainerVersion = MLNetVersion.Value,
        };
    }

    private List<RoundEvaluation> History(TrainingSet validation, int rounds)
    {
        var outputs = Settings.Task.OutputsPerRow;
        var objective = Settings.Task.Kind switch
        {
            TaskKind.BinaryClassification => ModelObjective.BinaryLogistic,
            TaskKind.MulticlassClassification => ModelObjective.MultiSoftprob,
            _ => ModelObjective.SquaredError,
        };
        var margins = new float[validation.Rows * outputs];
        Array.Fill(margins, ObjectiveMath.BaseMargin(objective, BaseScore));
        var features = validation.Features.Span;
        var byRound = Trees.ToLookup(t => t.Round);
        foreach (var constant in byRound[-1]) AddTree(constant, features, margins, outputs, validation);

        var history = new List<RoundEvaluation>(rounds);
        var predictions = new float[margins.Length];
        for (var r = 0; r < rounds; r++)
        {
            foreach (var tree in byRound[r]) AddTree(tree, features, margins, outputs, validation);
            margins.CopyTo(predictions, 0);
            for (var i = 0; i < validation.Rows; i++)
            {
                var row = predictions.AsSpan(i * outputs, outputs);
                if (objective == ModelObjective.BinaryLogistic) row[0] = ObjectiveMath.Sigmoid(row[0]);
                else if (objective == ModelObjective.MultiSoftprob) ObjectiveMath.Softmax(row);
            }
            history.Add(new RoundEvaluation(r, Metric(predictions, validation.Labels.Span, outputs)));
        }
        return history;
    }

    private static void AddTree(ExportedTree tree, ReadOnlySpan<float> features, float[] margins, int outputs, TrainingSet set)
    {
        for (var i = 0; i < set.Rows; i++)
            margins[i * outputs + tree.Group] += tree.Leaf(features.Slice(i * set.Columns, set.Columns));
    }

    private double Metric(float[] predictions, ReadOnlySpan<float> labels, int outputs)
    {
        var n = labels.Length;
        switch (Settings.Task.Kind)
        {
            case TaskKind.BinaryClassification:
                var classes = new int[n];
                var scores = new double[n];
                for (var i = 0; i < n; i++) (classes[i], scores[i]) = ((int)labels[i], predictions[i]);
                // XGBoost reports 0.5 when the validation rows hold one class only; so does Trainyard's history.
                return RocCurve.From(classes, scores).Auc() ?? 0.5;
            case TaskKind.MulticlassClassification:
                var loss = 0.0;
                for (var i = 0; i < n; i++) loss -= Math.Log(Math.Max(predictions[i * outputs + (int)labels[i]], 1e-16));
                return loss / n;
            default:
                var squared = 0.0;
                for (var i = 0; i < n; i++) squared += ((double)predictions[i] - labels[i]) * ((double)predictions[i] - labels[i]);
                return Math.Sqrt(squared / n);
        }
    }

    /// <summary>Each feature's split gains over the kept trees (ML.NET's split gain, LightGBM's for lightgbm), XGBoost's gain and total_gain.</summary>
    private static IReadOnlyList<FeatureImportance> Importance(IReadOnlyList<ExportedTree> trees, IReadOnlyList<string> features)
    {
        var total = new double[features.Count];
        var splits = new int[features.Count];
        foreach (var tree in trees)
            for (var i = 0; i < tree.LeftChildren.Length; i++)
                if (tree.LeftChildren[i] >= 0)
                {
                    total[tree.SplitIndices[i]] += tree.Gains[i];
                    splits[tree.SplitIndices[i]]++;
                }
        return features
            .Select((f, j) => new FeatureImportance(f, splits[j] == 0 ? 0 : total[j] / splits[j], total[j]))
            .OrderByDescending(i => i.TotalGain)
            .ThenBy(i => i.Feature, StringComparer.Ordinal)
            .ToList();
    }

    /// <summary>
    /// Runs ML.NET's fit on a dedicated thread. Cancellation reaches the fit through the context's cancel call, which
    /// ML.NET 6 keeps internal (its trainers check it between iterations), so it is called by reflection.
    /// </summary>
    public static async Task<(T Result, TimeSpan Elapsed)> FitAsync<T>(Microsoft.ML.MLContext context, Func<T> fit, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var cancel = typeof(Microsoft.ML.MLContext).GetMethod("CancelExecution", System.Reflection.BindingFlags.Instance | System.Reflection.BindingFlags.NonPublic | System.Reflection.BindingFlags.Public);
        using var registration = cancellationToken.Register(() => cancel?.Invoke(context, null));
        return await Task.Factory.StartNew(() =>
        {
            var clock = Stopwatch.StartNew();
            try
            {
                return (fit(), clock.Elapsed);
            }
            catch (Exception) when (cancellationToken.IsCancellationRequested)
            {
                throw new OperationCanceledException(cancellationToken);
            }
        }, cancellationToken, TaskCreationOptions.LongRunning, TaskScheduler.Default);
    }
}
