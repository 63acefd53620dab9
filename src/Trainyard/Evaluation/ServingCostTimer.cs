using Trainyard.Artifacts.Metrics;

namespace Trainyard.Evaluation;

/// <summary>Times any scorer through delegates, so the build-time library needs no reference to the runtime's scorer.</summary>
internal static class ServingCostTimer
{
    /// <param name="scoreRow">Scores row i (callers cycle through their test rows).</param>
    /// <param name="rows">How many distinct rows <paramref name="scoreRow"/> accepts.</param>
    /// <param name="scoreBatch">Scores the whole batch of <paramref name="batchRows"/> rows once.</param>
    /// <param name="clock">The time source; tests pass a fake one so nothing in them depends on real time.</param>
    public static ServingCost Measure(
        Action<int> scoreRow, int rows, Action scoreBatch, int batchRows,
        int calls = 2000, int warmupCalls = 200, int batchRuns = 5, TimeProvider? clock = null)
    {
        if (rows < 1 || calls < 1 || batchRuns < 1 || batchRows < 1)
            throw new ArgumentOutOfRangeException(nameof(rows), "Rows, calls, batch rows and batch runs must be positive.");
        clock ??= TimeProvider.System;

        // Warm-up runs the JIT and fills caches, so the percentiles describe a serving process, not a cold start.
        for (var i = 0; i < warmupCalls; i++) scoreRow(i % rows);
        var latencies = new double[calls];
        for (var i = 0; i < calls; i++)
        {
            var start = clock.GetTimestamp();
            scoreRow(i % rows);
            // From the raw timestamps: a TimeSpan keeps whole 100 ns ticks, and one row often scores faster than that.
            latencies[i] = (clock.GetTimestamp() - start) * 1000.0 / clock.TimestampFrequency;
        }
        Array.Sort(latencies);

        scoreBatch();
        var batchStart = clock.GetTimestamp();
        for (var r = 0; r < batchRuns; r++) scoreBatch();
        var seconds = clock.GetElapsedTime(batchStart).TotalSeconds;

        return new ServingCost(
            calls, Quantiles.Of(latencies, 0.50)!.Value, Quantiles.Of(latencies, 0.95)!.Value, Quantiles.Of(latencies, 0.99)!.Value,
            batchRows, batchRuns, batchRows * (double)batchRuns / Math.Max(seconds, 1e-9));
    }
}
