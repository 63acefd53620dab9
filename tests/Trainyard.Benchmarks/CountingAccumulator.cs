using Trainyard.Data;
using Trainyard.Data.Profiling;

namespace Trainyard.Benchmarks;

/// <summary>
/// Stands in for the column profiler until it lands: it parses values as numbers with the same parser the profiler
/// uses (until the column shows a non-number, as type inference does), sums them and counts missing values, so
/// the scan does real per-field work.
/// </summary>
internal sealed class CountingAccumulator : IColumnAccumulator
{
    public long Missing { get; private set; }
    public long Numbers { get; private set; }
    public long Others { get; private set; }
    public double Sum { get; private set; }

    public void Add(ReadOnlySpan<byte> field, long line)
    {
        if (field.IsEmpty) { Missing++; return; }
        if (Others == 0 && FieldParser.TryParseNumber(field, out var value)) { Numbers++; Sum += value; }
        else Others++;
    }

    public void Merge(IColumnAccumulator other)
    {
        var counts = (CountingAccumulator)other;
        Missing += counts.Missing;
        Numbers += counts.Numbers;
        Others += counts.Others;
        Sum += counts.Sum;
    }
}
