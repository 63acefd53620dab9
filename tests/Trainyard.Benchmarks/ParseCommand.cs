using System.Buffers.Text;
using System.Diagnostics;
using System.Globalization;
using System.Text;
using csFastFloat;
using Trainyard.Data;

namespace Trainyard.Benchmarks;

/// <summary>
/// Number parsing alone, on the numeric fields of the synthetic file (12 columns: plain decimals, integers, exponent
/// notation): the scanner's <see cref="FieldParser.TryParseNumber"/> against <c>Utf8Parser</c>, <c>double.TryParse</c>
/// on UTF-8 and csFastFloat, best of several passes each. Every parser must give the same bits for every field.
/// </summary>
internal static class ParseCommand
{
    public static int Run(int rows, int passes)
    {
        var fields = NumericFields(SyntheticCsv.Ensure(rows), rows);
        var sides = new (string Name, Func<byte[], double> Parse)[]
        {
            ("FieldParser.TryParseNumber", f => FieldParser.TryParseNumber(f, out var v) ? v : double.NaN),
            ("Utf8Parser.TryParse", f => Utf8Parser.TryParse(f, out double v, out var used) && used == f.Length ? v : double.NaN),
            ("double.TryParse (UTF-8)", f => double.TryParse(f, NumberStyles.Float, CultureInfo.InvariantCulture, out var v) ? v : double.NaN),
            ("csFastFloat 4.1.6", f => FastDoubleParser.TryParseDouble(f, out var v) ? v : double.NaN),
        };
        var reference = fields.Select(sides[2].Parse).ToArray();
        Console.WriteLine($"{fields.Count:N0} numeric fields from {rows:N0} rows; best of {passes} passes");
        Console.WriteLine("| parser | ns per field | same bits as double.Parse |");
        Console.WriteLine("|---|---:|---:|");
        foreach (var (name, parse) in sides)
        {
            var best = double.MaxValue;
            for (var pass = 0; pass < passes; pass++)
            {
                var stopwatch = Stopwatch.StartNew();
                var sum = 0.0;
                foreach (var field in fields) sum += parse(field);
                best = Math.Min(best, stopwatch.Elapsed.TotalNanoseconds / fields.Count);
                GC.KeepAlive(sum);
            }
            var same = fields.Select((f, i) => BitConverter.DoubleToInt64Bits(parse(f)) == BitConverter.DoubleToInt64Bits(reference[i])).Count(s => s);
            Console.WriteLine($"| {name} | {best:F1} | {same:N0} of {fields.Count:N0} |");
        }
        return 0;
    }

    static List<byte[]> NumericFields(string path, int rows)
    {
        var fields = new List<byte[]>();
        foreach (var line in File.ReadLines(path).Skip(1).Take(rows))
            foreach (var field in line.Split(',').Take(SyntheticCsv.NumericColumns))
                if (field.Length > 0) fields.Add(Encoding.UTF8.GetBytes(field));
        return fields;
    }
}
