using System.Text;
using Trainyard.Data.Scanning;

namespace Trainyard.Tests.Data.Scanning;

/// <summary>The tracker on its own: exact below its cap, a bounded-memory estimate with a known error above it.</summary>
public class SampledDuplicateTests
{
    [Fact]
    public void BelowTheCapRepeatsAndExamplesAreExactInAnyArrivalOrder()
    {
        var values = Values(distinct: 3_000, seed: 1);
        var tracker = new DuplicateTracker(maxHashes: 1 << 14, maxExamples: 5);
        AddInChunks(tracker, values, chunk: 97, reverse: true);

        var summary = tracker.Summarize();
        Assert.Equal((TrueRepeats(values), true, 0), (summary.Count, summary.IsExact, tracker.Level));
        Assert.Equal(EarliestRepeats(values).Take(5), summary.Examples);
    }

    [Fact]
    public void AboveTheCapTheEstimateIsWithinFourStandardErrorsOfTheTrueCount()
    {
        var values = Values(distinct: 40_000, seed: 2);
        var tracker = new DuplicateTracker(maxHashes: 8_192, maxExamples: 5);
        AddInChunks(tracker, values, chunk: 500, reverse: false);

        var summary = tracker.Summarize();
        Assert.False(summary.IsExact);
        Assert.InRange(tracker.Level, 1, 6);
        // A value repeated m times is sampled with probability p ≥ 2^-Level and then counts (m − 1)/p, so the
        // estimate's variance is at most Σ (m − 1)² (2^Level − 1).
        var variance = values.GroupBy(v => v).Sum(g => Math.Pow(g.Count() - 1, 2)) * ((1 << tracker.Level) - 1);
        var bound = 4 * Math.Sqrt(variance);
        var truth = TrueRepeats(values);
        Assert.InRange(summary.Count, truth - bound, truth + bound);
        Assert.True(bound < truth / 5.0, $"bound {bound:F0} should be a useful fraction of {truth}");
    }

    [Fact]
    public void TheTableNeverHoldsMoreThanTheCap()
    {
        var values = Values(distinct: 100_000, seed: 3);
        var tracker = new DuplicateTracker(maxHashes: 1_024, maxExamples: 5);
        AddInChunks(tracker, values, chunk: 1_000, reverse: false);

        Assert.InRange(tracker.PeakHashes, 1, 1_024);
        Assert.True(tracker.Level >= 6, $"level {tracker.Level}: 100,000 distinct values need at least a 1/64 sample to fit 1,024");
        Assert.False(tracker.Summarize().IsExact);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void OnceSamplingStartsTheCountAndExamplesComeFromTheSampledValues(bool reverse)
    {
        // Repeats first (three rounds of 600 values), then enough new values to make every shard sample.
        var values = Enumerable.Range(0, 1_800).Select(i => $"repeated {i % 600}")
            .Concat(Enumerable.Range(0, 20_000).Select(i => $"single {i}")).ToList();
        var tracker = new DuplicateTracker(maxHashes: 1_024, maxExamples: 5);
        AddInChunks(tracker, values, chunk: 250, reverse);

        // From the sampling rule: a shard ends at the lowest level at which fewer than its 16 slots' worth of its
        // distinct hashes are at least that deep, and keeps exactly those.
        var hashes = values.Distinct().Select(v => RecordHash.Hash64(Encoding.UTF8.GetBytes(v))).ToList();
        int Shard(ulong hash) => (int)(hash >> (64 - SampledShard.ShardBits));
        var levels = hashes.GroupBy(Shard).ToDictionary(g => g.Key,
            g => Enumerable.Range(0, 64).First(level => g.Count(h => SampledShard.Depth(h) >= level) < 1_024 / 64));
        bool Sampled(string value)
        {
            var hash = RecordHash.Hash64(Encoding.UTF8.GetBytes(value));
            return SampledShard.Depth(hash) >= levels[Shard(hash)];
        }
        var expectedCount = values.GroupBy(v => v).Where(g => Sampled(g.Key))
            .Sum(g => (g.Count() - 1L) << levels[Shard(RecordHash.Hash64(Encoding.UTF8.GetBytes(g.Key)))]);

        var summary = tracker.Summarize();
        Assert.Equal((expectedCount, false), (summary.Count, summary.IsExact));
        var expectedExamples = EarliestRepeats(values).Where(e => Sampled(values[(int)e.Line - 2])).Take(5).ToList();
        Assert.Equal(5, expectedExamples.Count);
        Assert.Equal(expectedExamples, summary.Examples);
    }

    /// <summary>Value i occurs once, plus once more when i % 3 == 0, plus three more when i % 7 == 0; shuffled.</summary>
    private static List<string> Values(int distinct, int seed)
    {
        var values = new List<string>();
        for (var i = 0; i < distinct; i++)
        {
            var occurrences = 1 + (i % 3 == 0 ? 1 : 0) + (i % 7 == 0 ? 3 : 0);
            for (var k = 0; k < occurrences; k++) values.Add($"value {i}");
        }
        var random = new Random(seed);
        return values.OrderBy(_ => random.Next()).ToList();
    }

    private static long TrueRepeats(List<string> values) => values.Count - values.Distinct().Count();

    /// <summary>Every occurrence after the first, by line (value i sits on line i + 2, after a header).</summary>
    private static IEnumerable<DuplicateExample> EarliestRepeats(List<string> values)
    {
        var first = new Dictionary<string, long>();
        for (var i = 0; i < values.Count; i++)
        {
            if (first.TryGetValue(values[i], out var line)) yield return new DuplicateExample(i + 2, line, null);
            else first[values[i]] = i + 2;
        }
    }

    private static void AddInChunks(DuplicateTracker tracker, List<string> values, int chunk, bool reverse)
    {
        var pending = values.Select((v, i) => new PendingHash(RecordHash.Hash64(Encoding.UTF8.GetBytes(v)), i + 2, 0, 0)).ToArray();
        var starts = Enumerable.Range(0, (pending.Length + chunk - 1) / chunk).Select(c => c * chunk);
        var scratch = new PendingHash[chunk];
        foreach (var start in reverse ? starts.Reverse() : starts)
            tracker.Add(pending.AsSpan(start, Math.Min(chunk, pending.Length - start)), default, scratch);
    }
}
