using System.Globalization;
using System.Text;
using Trainyard.Data;
using Trainyard.Data.Csv;
using Trainyard.Data.Profiling;
using Trainyard.Data.Scanning;

namespace Trainyard.Tests.Data.Scanning;

/// <summary>
/// The whole profiler (numeric, categorical and inferred columns through their batch paths) under a parallel scan:
/// quoted fields with newlines, delimiters and doubled quotes cross chunk boundaries, and the profile must be
/// byte-for-byte the single-threaded one.
/// </summary>
public class ParallelProfileTests
{
    private static readonly string[] Levels = ["red", "green", "blue", "dark \"navy\"", "a,b", "two\nlines"];

    [Fact]
    public async Task ProfilesAreIdenticalForAnyWorkerCountAndChunkSize()
    {
        using var file = new TemporaryCsv(Generate(3000, seed: 5));
        var expected = await ProfileJsonAsync(file.Path, new ScanOptions { Workers = 1 });
        Assert.Contains("two\\nlines", expected); // the quoted newline reached the category counts whole

        foreach (var (workers, chunkBytes) in new[] { (2, 997), (2, 64), (3, 4096), (2, 1 << 20) })
            Assert.Equal(expected, await ProfileJsonAsync(file.Path, new ScanOptions { Workers = workers, ChunkBytes = chunkBytes, QueueCapacity = 2 }));
    }

    [Fact]
    public async Task AnErrorAfterQuotedNewlinesNamesItsPhysicalLineWithTwoWorkers()
    {
        // 400 records of 2 physical lines each (a quoted newline in every one), then a record with a stray quote.
        var text = new StringBuilder("n,text\n");
        for (var i = 0; i < 400; i++) text.Append(i).Append(",\"x\ny\"\n");
        text.Append("7,ab\"c\n");
        using var file = new TemporaryCsv(text.ToString());
        var error = await Assert.ThrowsAsync<DataFileException>(() =>
            ProfileJsonAsync(file.Path, new ScanOptions { Workers = 2, ChunkBytes = 128 }));
        Assert.Equal(2 + 2 * 400, error.Line);
        Assert.StartsWith($"{file.Path} line 802: a quote inside unquoted field 2", error.Message);
    }

    private static async Task<string> ProfileJsonAsync(string path, ScanOptions options)
    {
        var schema = new Dictionary<string, ColumnSchema>
        {
            ["price"] = new() { Name = "price", Type = ColumnType.Numeric, Min = 0, Max = 1e6 },
            ["small"] = new() { Name = "small", Type = ColumnType.Numeric },
            ["colour"] = new() { Name = "colour", Type = ColumnType.Categorical, Categories = Levels[..5] },
        };
        var result = await DataScan.RunAsync(path, CsvFormat.Default,
            (_, name) => new ColumnAccumulator(name, schema.GetValueOrDefault(name), ProfileOptions.Default), options);
        var profile = DataProfile.From("data.csv", result.RowCount, result.Accumulators.Cast<ColumnAccumulator>(), DateTimeOffset.UnixEpoch);
        var violations = result.Accumulators.Cast<ColumnAccumulator>().SelectMany(a => a.ToViolations()).ToArray();
        return ProfileJson.Serialize(profile) + System.Text.Json.JsonSerializer.Serialize(violations);
    }

    /// <summary>price: decimals, exponents, out-of-range and non-numbers; small: tiny and subnormal-ish exponents;
    /// colour: declared levels plus two that are not; note: free text, quoted with delimiters, quotes and newlines.</summary>
    private static string Generate(int rows, int seed)
    {
        var random = new Random(seed);
        var text = new StringBuilder("price,small,colour,note\n");
        for (var row = 0; row < rows; row++)
        {
            var price = random.Next(20) switch
            {
                0 => "",
                1 => (random.NextDouble() * 1e4).ToString("E3", CultureInfo.InvariantCulture),
                2 => "-5",
                3 => "n/a",
                _ => Math.Round(random.NextDouble() * 1000, random.Next(4)).ToString(CultureInfo.InvariantCulture),
            };
            var small = random.Next(10) == 0 ? "" : (random.NextDouble() * Math.Pow(10, -random.Next(300))).ToString("R", CultureInfo.InvariantCulture);
            var colour = Levels[random.Next(Levels.Length)];
            var note = random.Next(4) switch
            {
                0 => "",
                1 => $"plain {row}",
                2 => $"with, comma and \"\"quotes\"\" {row}",
                _ => $"line one\nline two {row % 50}",
            };
            text.Append(price).Append(',').Append(small).Append(',').Append(Quote(colour)).Append(",\"").Append(note).Append("\"\n");
        }
        return text.ToString();
    }

    private static string Quote(string value) =>
        value.IndexOfAny(['"', ',', '\n']) >= 0 ? $"\"{value.Replace("\"", "\"\"")}\"" : value;
}
