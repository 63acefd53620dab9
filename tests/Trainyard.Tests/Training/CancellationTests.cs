using Trainyard.Training;

namespace Trainyard.Tests.Training;

public sealed class CancellationTests
{
    /// <summary>Reports on the training thread itself, so the cancellation lands before the next round starts.</summary>
    private sealed class CancelAfter(int round, CancellationTokenSource source) : IProgress<TrainingProgress>
    {
        public List<TrainingProgress> Reports { get; } = [];

        public void Report(TrainingProgress value)
        {
            Reports.Add(value);
            if (value.Round == round) source.Cancel();
        }
    }

    [Fact]
    public async Task CancellingStopsTrainingBeforeTheNextRound()
    {
        using var source = new CancellationTokenSource();
        var progress = new CancelAfter(3, source);

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => new XGBoostTrainer().TrainAsync(
            ParityData.Training(TaskKind.Regression), ParityData.Validation(TaskKind.Regression),
            ParityData.Settings(TrainingTask.Regression), progress, source.Token));

        Assert.Equal([1, 2, 3], progress.Reports.Select(r => r.Round));
    }

    [Fact]
    public async Task ProgressReportsEveryRoundWithTheValidationMetricAndTimeLeft()
    {
        var progress = new CancelAfter(-1, new CancellationTokenSource());

        var model = await new XGBoostTrainer().TrainAsync(
            ParityData.Training(TaskKind.Regression), ParityData.Validation(TaskKind.Regression),
            ParityData.Settings(TrainingTask.Regression) with { Rounds = 20, EarlyStoppingRounds = 0 }, progress);

        Assert.Equal(Enumerable.Range(1, 20), progress.Reports.Select(r => r.Round));
        Assert.All(progress.Reports, r => Assert.Equal(("rmse", 20), (r.MetricName, r.MaxRounds)));
        Assert.Equal(model.History.Select(h => (double?)h.Value), progress.Reports.Select(r => r.ValidationValue));
        Assert.True(progress.Reports[0].EstimatedRemaining > TimeSpan.Zero);
        Assert.Equal(TimeSpan.Zero, progress.Reports[^1].EstimatedRemaining);
        Assert.Equal(progress.Reports.Select(r => r.Elapsed).Order(), progress.Reports.Select(r => r.Elapsed));
    }
}
