using System.Numerics;

namespace Trainyard.Data.Scanning;

/// <summary>
/// HyperLogLog over 64-bit hashes (2^14 registers, about 0.8% standard error). Used only once exact duplicate
/// detection has given up at its cap, so the scan can still say roughly how many records repeat.
/// </summary>
internal sealed class DistinctCountEstimate
{
    private const int Precision = 14;
    private const int RegisterCount = 1 << Precision;
    private readonly byte[] _registers = new byte[RegisterCount];

    public void Add(ulong hash)
    {
        var index = (int)(hash >> (64 - Precision));
        var rank = (byte)(BitOperations.LeadingZeroCount((hash << Precision) | (1UL << (Precision - 1))) + 1);
        if (rank > _registers[index]) _registers[index] = rank;
    }

    public void Merge(DistinctCountEstimate other)
    {
        for (var i = 0; i < RegisterCount; i++)
            if (other._registers[i] > _registers[i]) _registers[i] = other._registers[i];
    }

    public double Estimate()
    {
        double sum = 0;
        var zeros = 0;
        foreach (var register in _registers)
        {
            sum += Math.ScaleB(1.0, -register);
            if (register == 0) zeros++;
        }
        var alpha = 0.7213 / (1 + 1.079 / RegisterCount);
        var raw = alpha * RegisterCount * RegisterCount / sum;
        // Small ranges: linear counting is far more accurate while many registers are still empty.
        return raw <= 2.5 * RegisterCount && zeros > 0 ? RegisterCount * Math.Log((double)RegisterCount / zeros) : raw;
    }
}
