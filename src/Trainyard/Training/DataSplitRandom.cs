namespace Trainyard.Training;

/// <summary>
/// SplitMix64 (Steele, Lea and Flood 2014): the split's own generator, so a seed picks the same rows on every
/// machine and .NET version (System.Random's algorithm is not part of its contract).
/// </summary>
internal struct DataSplitRandom(int seed)
{
    private ulong state = unchecked((ulong)(long)seed);

    public ulong Next()
    {
        var z = state += 0x9E3779B97F4A7C15UL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }

    /// <summary>A uniform integer in [0, bound): Lemire's multiply-and-reject, without modulo bias.</summary>
    public int Below(int bound)
    {
        var limit = (ulong)bound;
        var high = Math.BigMul(Next(), limit, out var low);
        if (low < limit)
        {
            var threshold = (0 - limit) % limit;
            while (low < threshold)
                high = Math.BigMul(Next(), limit, out low);
        }
        return (int)high;
    }

    /// <summary>Fisher–Yates shuffle in place.</summary>
    public void Shuffle(Span<int> items)
    {
        for (var i = items.Length - 1; i > 0; i--)
        {
            var j = Below(i + 1);
            (items[i], items[j]) = (items[j], items[i]);
        }
    }
}
