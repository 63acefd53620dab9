using Trainyard.Data;
using Trainyard.Data.Profiling;

namespace Trainyard.Tests.Data.Profiling;

public sealed class ProfileJsonTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("trainyard-profile-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    private static DataProfile CreditProfile() => DataProfile.From(
        "/somewhere/data/credit_data.csv", 4454,
        [CreditData.Accumulate("Income"), CreditData.Accumulate("Home"), CreditData.Accumulate("Records"),
         GeneratedValues.Accumulate(["true", "false", "True", ""], name: "Flag"),
         GeneratedValues.Accumulate(["2024-01-31", "2023-05-01T12:00:00Z"], name: "When")],
        new DateTimeOffset(2025, 1, 2, 3, 4, 5, TimeSpan.Zero));

    [Fact]
    public async Task WrittenProfileReadsBackToTheSameJsonAndDistributions()
    {
        var profile = CreditProfile();
        var path = Path.Combine(_directory, "profile.json");

        await ProfileJson.WriteAsync(path, profile);
        var read = await ProfileJson.ReadAsync(path);

        Assert.Equal(ProfileJson.Serialize(profile), ProfileJson.Serialize(read));
        Assert.Equal("credit_data.csv", read.SourceFile);
        Assert.Equal(profile.CreatedAt, read.CreatedAt);
        var before = profile.Find("Income")!.NumericDistribution()!;
        var after = read.Find("Income")!.NumericDistribution()!;
        foreach (var q in new[] { 0.1, 0.33, 0.5, 0.9 }) Assert.Equal(before.Quantile(q), after.Quantile(q));
        foreach (var x in new[] { 50.0, 125.0, 400.0 }) Assert.Equal(before.Cdf(x), after.Cdf(x));
        Assert.Equal((before.Count, before.Mean, before.StandardDeviation), (after.Count, after.Mean, after.StandardDeviation));
        Assert.Equal(profile.Find("Home")!.CategoryCounts(), read.Find("Home")!.CategoryCounts());
        Assert.Null(read.Find("Home")!.NumericDistribution());
    }

    [Fact]
    public void JsonUsesTheDocumentedSnakeCaseShape()
    {
        var json = ProfileJson.Serialize(CreditProfile());

        Assert.StartsWith("{\n  \"format_version\": 1,\n  \"source_file\": \"credit_data.csv\",\n  \"row_count\": 4454,", json.ReplaceLineEndings("\n"));
        Assert.Contains("\"created_at\": \"2025-01-02T03:04:05+00:00\"", json);
        Assert.Contains("\"type\": \"numeric\"", json);
        Assert.Contains("\"type\": \"categorical\"", json);
        Assert.Contains("\"type\": \"datetime\"", json);
        Assert.Contains("\"type\": \"boolean\"", json);
        Assert.Contains("\"standard_deviation\": ", json);
        Assert.Contains("\"distinct_exact\": true", json);
        Assert.Contains("\"p50\": ", json);
        Assert.Contains("\"positive_start\": ", json);
        Assert.Contains("\"top_categories\": ", json);
        Assert.Contains("\"true_count\": 2", json);
        Assert.Contains("\"earliest\": \"2023-05-01T12:00:00Z\"", json);
        Assert.DoesNotContain("missing_share", json);
    }

    [Fact]
    public async Task AProfileOfAnotherFormatVersionIsRejectedNamingFileAndExpectation()
    {
        var path = Path.Combine(_directory, "old.json");
        await File.WriteAllTextAsync(path, ProfileJson.Serialize(CreditProfile()).Replace("\"format_version\": 1", "\"format_version\": 7"));

        var error = await Assert.ThrowsAsync<TrainyardException>(() => ProfileJson.ReadAsync(path));

        Assert.Contains(path, error.Message);
        Assert.Contains("format_version 7 is not supported", error.Message);
        Assert.Contains("format_version 1", error.Message);
    }

    [Theory]
    [InlineData("not json at all")]
    [InlineData("[1, 2]")]
    [InlineData("{\"format_version\": 1, \"source_file\": \"a.csv\"}")]
    [InlineData("{\"format_version\": 1, \"source_file\": \"a.csv\", \"columns\": [{\"name\": \"x\", \"type\": \"complex\"}]}")]
    [InlineData("{\"format_version\": 1, \"source_file\": \"a.csv\", \"columns\": [{\"name\": null, \"type\": \"text\"}]}")]
    public async Task AMalformedProfileIsATrainyardErrorNamingTheFile(string content)
    {
        var path = Path.Combine(_directory, "bad.json");
        await File.WriteAllTextAsync(path, content);

        var error = await Assert.ThrowsAsync<TrainyardException>(() => ProfileJson.ReadAsync(path));

        Assert.Contains(path, error.Message);
        Assert.Contains("expected a Trainyard data profile", error.Message);
    }

    [Fact]
    public async Task AMissingProfileFileIsATrainyardError()
    {
        var path = Path.Combine(_directory, "absent.json");
        var error = await Assert.ThrowsAsync<TrainyardException>(() => ProfileJson.ReadAsync(path));
        Assert.Contains(path, error.Message);
    }
}
