using System.Diagnostics;
using Microsoft.ML;

namespace Trainyard.Training.MLNet;

/// <summary>One ML.NET training run from fit to <see cref="TrainedModel"/>, shared by <see cref="FastTreeTrainer"/> and <see cref="LightGbmTrainer"/>.</summary>
internal static class MLNetFit
{
    /// <summary>
    /// Fits with ML.NET, exports the trees (a non-zero offset becomes a one-leaf tree summed first; multiclass trees in
    /// round order, each round's classes in class order, as LightGBM grew them) and finishes the model.
    /// </summary>
    public static async Task<(TrainedModel Model, ITransformer MLNetModel)> TrainAsync(
        string trainer, MLContext context, Func<FittedEnsemble> fit, TrainingSet training, TrainingSet? validation,
        TrainingSettings settings, IReadOnlyList<KeyValuePair<string, string>> parameters, bool cutAtBestRound,
        IProgress<TrainingProgress>? progress, CancellationToken cancellationToken)
    {
        var (fitted, elapsed) = await FitAsync(context, fit, cancellationToken);
        var exported = fitted.Trees.Select(t => TreeEnsembleExport.Convert(t, fitted.Scale, training.Columns, trainer))
            .OrderBy(t => t.Round).ThenBy(t => t.Group).ToList();
        if (fitted.Offset != 0) exported.Insert(0, new ExportedTree([-1], [-1], [0], [(float)fitted.Offset], [false], [0f], Round: -1, Group: 0));
        var rounds = exported.Count == 0 ? 0 : exported.Max(t => t.Round) + 1;
        // A trainer that stopped early itself (LightGBM) ran `patience` rounds past the best one it kept.
        var stoppedEarly = !cutAtBestRound && validation is not null && settings.EarlyStoppingRounds > 0 && rounds < settings.Rounds;
        var model = new EnsembleRounds
        {
            Trainer = trainer,
            Training = training,
            Validation = validation,
            Settings = settings,
            Trees = exported,
            BaseScore = settings.Task.Kind == TaskKind.BinaryClassification ? 0.5f : 0f,
            CutAtBestRound = cutAtBestRound,
            RoundsRun = stoppedEarly ? Math.Min(settings.Rounds, rounds + settings.EarlyStoppingRounds) : rounds,
            Parameters = parameters,
            Elapsed = elapsed,
        }.Finish(progress);
        return (model, fitted.Model);
    }


    /// <summary>
    /// Runs ML.NET's fit on a dedicated thread. Cancellation reaches the fit through the context's cancel call, which
    /// ML.NET 6 keeps internal (its trainers check it between iterations), so it is called by reflection.
    /// </summary>
    private static async Task<(T Result, TimeSpan Elapsed)> FitAsync<T>(MLContext context, Func<T> fit, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var cancel = typeof(MLContext).GetMethod("CancelExecution", System.Reflection.BindingFlags.Instance | System.Reflection.BindingFlags.NonPublic | System.Reflection.BindingFlags.Public);
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

/// <summary>What an ML.NET fit gives: its trees, the factor and offset that turn their sum into the scorer's margin, and ML.NET's own model.</summary>
internal sealed record FittedEnsemble(IReadOnlyList<MLNetTree> Trees, double Scale, double Offset, ITransformer Model);
