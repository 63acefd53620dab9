namespace Trainyard.Training;

/// <summary>
/// One finished round, for the terminal. <see cref="EstimatedRemaining"/> assumes every remaining round runs as
/// long as the average so far and that early stopping does not cut training short, so it is an upper estimate.
/// </summary>
public sealed record TrainingProgress(
    int Round,
    int MaxRounds,
    string? MetricName,
    double? ValidationValue,
    TimeSpan Elapsed,
    TimeSpan EstimatedRemaining);
