using System.Globalization;
using System.Text;
using System.Text.Json;
using Trainyard.Data;
using Trainyard.Data.Profiling;

namespace Trainyard.Tests.Data.Profiling;

/// <summary>
/// A declared numeric column's batch loop reads each field's 16 bytes at once when its buffer has them: its profile
/// and violations must be those of adding the fields one at a time, whatever lies around a field.
/// </summary>
public class NumericBatchTests
{
    private static readonly ColumnSchema Checked = new() { Name = "x", Type = ColumnType.Numeric, Min = -500, Max = 500 };

    private static readonly ProfileOptions Options = ProfileOptions.Default with { DistinctExactCap = 40, ExampleLines = 4 };

    [Fact]
    public void BatchOfFieldsInEveryPositionProfilesLikeSingleAdds()
    {
        var random = new Random(3);
        var texts = new List<string>();
        for (var i = 0; i < 3_000; i++)
            texts.Add((i % 17) switch
            {
                0 => "",
                1 => "oops",
                2 => "12345678901234567.25",   // longer than 16 bytes
                3 => (random.NextDouble() * 2000 - 1000).ToString("E3", CultureInfo.InvariantCulture),
                4 => "-0",
                _ => Math.Round(random.NextDouble() * 2000 - 1000, random.Next(7)).ToString("R", CultureInfo.InvariantCulture),
            });
        // The chunk ends right after the last field (no line end), so the last fields have fewer than 16 bytes left;
        // every 5th field lives in the unquoted copy instead.
        var (chunk, unquoted) = (new List<byte>(), new List<byte>());
        var (starts, lengths) = (new int[texts.Count], new int[texts.Count]);
        for (var i = 0; i < texts.Count; i++)
        {
            var bytes = Encoding.UTF8.GetBytes(texts[i]);
            var target = i % 5 == 4 ? unquoted : chunk;
            starts[i] = target == chunk ? target.Count : ~target.Count;
            lengths[i] = bytes.Length;
            target.AddRange(bytes);
            if (i < texts.Count - 1) target.Add(i % 3 == 0 ? (byte)'\n' : (byte)',');
        }
        var lines = Enumerable.Range(2, texts.Count).Select(l => (long)l).ToArray();

        var batched = new ColumnAccumulator("x", Checked, Options);
        for (var at = 0; at < texts.Count; at += 1_000)
            batched.AddBatch(new ColumnFields(chunk.ToArray(), unquoted.ToArray(),
                starts.AsSpan(at, 1_000), lengths.AsSpan(at, 1_000), lines.AsSpan(at, 1_000)));
        var single = new ColumnAccumulator("x", Checked, Options);
        for (var i = 0; i < texts.Count; i++) single.Add(Encoding.UTF8.GetBytes(texts[i]), lines[i]);

        Assert.Equal(ProfileJson.Serialize(single.ToProfile()), ProfileJson.Serialize(batched.ToProfile()));
        Assert.Equal(JsonSerializer.Serialize(single.ToViolations()), JsonSerializer.Serialize(batched.ToViolations()));
        Assert.Equal(texts.Count(t => t.Length == 0), batched.ToProfile().Missing);
    }
}
