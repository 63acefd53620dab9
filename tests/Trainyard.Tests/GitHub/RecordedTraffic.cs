using System.Text.Json;
using System.Text.Json.Nodes;

namespace Trainyard.Tests.GitHub;

/// <summary>One recorded request/response pair from octokit/fixtures (GitHub/Fixtures).</summary>
internal sealed record RecordedExchange(string Method, string Path, JsonNode? RequestBody, int Status,
    JsonNode? Response, IReadOnlyDictionary<string, string> Headers);

/// <summary>
/// Loads the recorded GitHub traffic kept beside these tests (Fixtures/, copied from the workplace's shared
/// github-fixtures with its attribution), so the suite needs nothing outside the repository.
/// </summary>
internal static class RecordedTraffic
{
    public static string Folder()
    {
        var fixtures = Path.Combine(AppContext.BaseDirectory, "GitHub", "Fixtures");
        return Directory.Exists(fixtures) ? fixtures
            : throw new InvalidOperationException($"Recorded GitHub traffic not found at {fixtures}: it is copied there from tests/Trainyard.Tests/GitHub/Fixtures at build time.");
    }

    public static IReadOnlyList<RecordedExchange> Load(string file)
    {
        var path = Path.Combine(Folder(), file);
        if (!File.Exists(path)) throw new InvalidOperationException($"Recorded GitHub traffic file {path} is missing.");
        var entries = JsonNode.Parse(File.ReadAllText(path))!.AsArray();
        return entries.Select(e => new RecordedExchange(
            e!["method"]!.GetValue<string>().ToUpperInvariant(),
            e["path"]!.GetValue<string>(),
            e["body"] is JsonValue v && v.GetValueKind() == JsonValueKind.String ? null : e["body"]?.DeepClone(),
            e["status"]!.GetValue<int>(),
            e["response"]?.DeepClone(),
            e["headers"]!.AsObject().ToDictionary(h => h.Key, h => h.Value!.ToString(), StringComparer.OrdinalIgnoreCase)))
            .ToList();
    }

    /// <summary>The one recorded exchange for a method and path (the first, if several).</summary>
    public static RecordedExchange Find(string file, string method, string path) =>
        Load(file).First(e => e.Method == method && e.Path == path);
}
