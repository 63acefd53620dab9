using System.Diagnostics;
using System.Globalization;
using Spectre.Console;

namespace Trainyard.Training;

/// <summary>
/// Shows training as it goes: round, validation metric, elapsed and estimated time left, at most once a second
/// (and for the first round), so a long run shows life without flooding a CI log.
/// </summary>
internal sealed class TrainingProgressDisplay(IAnsiConsole console) : IProgress<TrainingProgress>
{
    static readonly TimeSpan Interval = TimeSpan.FromSeconds(1);
    readonly Stopwatch _sinceLastLine = Stopwatch.StartNew();
    bool _shownFirst;

    public void Report(TrainingProgress value)
    {
        if (_shownFirst && _sinceLastLine.Elapsed < Interval && value.Round < value.MaxRounds) return;
        _shownFirst = true;
        _sinceLastLine.Restart();
        var metric = value.ValidationValue is { } v ? $"  validation {value.MetricName} {v.ToString("0.#####", CultureInfo.InvariantCulture)}" : "";
        console.WriteLine($"  round {value.Round,5}/{value.MaxRounds}{metric}  {value.Elapsed.TotalSeconds,6:0.0}s elapsed  ~{value.EstimatedRemaining.TotalSeconds:0}s left (at most)");
    }
}
