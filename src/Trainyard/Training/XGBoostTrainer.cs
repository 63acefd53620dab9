using System.Diagnostics;
using System.Globalization;
using Trainyard.Interop;

namespace Trainyard.Training;

/// <summary>
/// Gradient-boosted trees with XGBoost through its C API, round by round as Python's <c>xgboost.train</c> does, so
/// the same parameters, seed and threads give the same model. After early stopping the booster is cut with
/// <c>XGBoosterSlice</c> to the rounds up to the best one, and that slice is what is saved: the JSON model is the
/// early-stopped model, with no iteration range for a scorer to remember.
/// </summary>
public sealed class XGBoostTrainer : ITrainer
{
    private const string ValidationName = "validation";

    public string Name => "xgboost";

    public async Task<TrainedModel> TrainAsync(
        TrainingSet training,
        TrainingSet? validation,
        TrainingSettings settings,
        IProgress<TrainingProgress>? progress = null,
        CancellationToken cancellationToken = default)
    {
        TrainingInputs.Check(training, validation, settings);
        // One dedicated thread for the whole run: the native calls block, and XGBoost's error text is per thread.
        return await Task.Factory.StartNew(
            () => Train(training, validation, settings, progress, cancellationToken),
            cancellationToken, TaskCreationOptions.LongRunning, TaskScheduler.Default);
    }

    private static TrainedModel Train(
        TrainingSet training, TrainingSet? validation, TrainingSettings settings,
        IProgress<TrainingProgress>? progress, CancellationToken cancellationToken)
    {
        var phases = new List<KeyValuePair<string, double>>();
        var phaseClock = Stopwatch.StartNew();
        void Phase(string name, TimeSpan? elapsed = null)
        {
            phases.Add(new(name, (elapsed ?? phaseClock.Elapsed).TotalSeconds));
            phaseClock.Restart();
        }

        var parameters = XGBoostParameters.For(settings);
        var threads = XGBoostParameters.Threads(parameters);
        using var trainMatrix = Matrix(training, threads);
        using var validationMatrix = validation is null ? null : Matrix(validation, threads);
        Phase("dmatrix");
        DMatrix[] cache = validationMatrix is null ? [trainMatrix] : [trainMatrix, validationMatrix];
        using var booster = Booster.Create(cache);
        booster.SetFeatureNames(training.FeatureNames);
        foreach (var (name, value) in parameters) booster.SetParameter(name, value);
        Phase("booster");

        var history = new List<RoundEvaluation>();
        EarlyStopping? stopping = null;
        string? metric = null;
        var clock = Stopwatch.StartNew();
        var evaluating = new Stopwatch();
        var rounds = 0;
        for (var iteration = 0; iteration < settings.Rounds; iteration++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            booster.UpdateOneIteration(iteration, trainMatrix);
            // The first round also sketches the quantiles and bins the matrix: a phase of its own.
            if (iteration == 0) Phase("first_round");
            rounds = iteration + 1;
            double? value = null;
            var stop = false;
            if (validationMatrix is not null)
            {
                evaluating.Start();
                var line = booster.EvaluateOneIteration(iteration, [validationMatrix], [ValidationName]);
                (metric, var score) = EarlyStopping.LastMetric(line, ValidationName);
                history.Add(new RoundEvaluation(iteration, score));
                value = score;
                if (settings.EarlyStoppingRounds > 0)
                {
                    stopping ??= new EarlyStopping(metric, settings.EarlyStoppingRounds);
                    stop = stopping.Observe(iteration, score);
                }
                evaluating.Stop();
            }
            var elapsed = clock.Elapsed;
            progress?.Report(new TrainingProgress(rounds, settings.Rounds, metric, value, elapsed,
                elapsed / rounds * (settings.Rounds - rounds)));
            if (stop) break;
        }
        Phase("other_rounds", phaseClock.Elapsed - evaluating.Elapsed);
        phases.Add(new("evaluate", evaluating.Elapsed.TotalSeconds));

        var best = stopping?.BestIteration ?? rounds - 1;
        using var kept = best + 1 < rounds ? booster.Slice(0, best + 1) : null;
        var model = kept ?? booster;
        if (stopping is not null)
        {
            // The attributes Python's early stopping leaves, so Python's Booster loads the model knowing its best round.
            model.SetAttribute("best_iteration", best.ToString(CultureInfo.InvariantCulture));
            model.SetAttribute("best_score", stopping.BestScore.ToString(CultureInfo.InvariantCulture));
        }
        var json = model.SaveJson();
        Phase("save");
        var importance = Importance(model, training.FeatureNames);
        Phase("importance");
        return new TrainedModel
        {
            ModelJson = json,
            BestIteration = best,
            BestScore = stopping?.BestScore ?? (history.Count > 0 ? history[^1].Value : null),
            MetricName = metric,
            RoundsTrained = rounds,
            History = history,
            Importance = importance,
            Parameters = parameters,
            Trainer = "xgboost",
            TrainerVersion = XGBoostLibrary.Version(),
            PhaseSeconds = phases,
        };
    }

    private static DMatrix Matrix(TrainingSet set, int threads)
    {
        var matrix = DMatrix.FromDense(set.Features.Span, set.Rows, set.Columns, threads);
        try
        {
            matrix.SetFloatInfo("label", set.Labels.Span);
            if (set.Weights is { } weights) matrix.SetFloatInfo("weight", weights.Span);
            matrix.SetFeatureNames(set.FeatureNames);
            return matrix;
        }
        catch
        {
            matrix.Dispose();
            throw;
        }
    }

    private static IReadOnlyList<FeatureImportance> Importance(Booster model, IReadOnlyList<string> features)
    {
        var gain = model.FeatureScores("gain");
        var totalGain = model.FeatureScores("total_gain");
        return features
            .Select(f => new FeatureImportance(f, gain.GetValueOrDefault(f), totalGain.GetValueOrDefault(f)))
            .OrderByDescending(i => i.TotalGain)
            .ThenBy(i => i.Feature, StringComparer.Ordinal)
            .ToList();
    }
}
