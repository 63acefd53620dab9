using System.Text.Json;
using System.Text.Json.Nodes;

namespace Trainyard.Tests.GitHub;

/// <summary>One recorded request/response pair from octokit/fixtures (../shared/github-fixtures).</summary>
internal sealed record RecordedExchange(string Method, string Path, JsonNode? RequestBody, int Status,
    JsonNode? Response, IReadOnlyDictionary<string, string> Headers);

/// <summary>
/// Loads the recorded GitHub traffic from the folder beside the checkout: walks up from the test binaries to
/// the folder holding Repo.sln, then <c>../shared/github-fixtures</c>.
/// </summary>
internal static class RecordedTraffic
{
    public static string Folder()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (!File.Exists(Path.Combine(dir.FullName, "Repo.sln"))) continue;
            var fixtures = Path.GetFullPath(Path.Combine(dir.FullName, "..", "shared", "github-fixtures"));
            if (Directory.Exists(fixtures)) return fixtures;
            throw new InvalidOperationException(
                $"Recorded GitHub traffic not found at {fixtures}: the GitHub client tests need ../shared/github-fixtures beside the checkout.");
        }
        throw new InvalidOperationException(
            $"No Repo.sln above {AppContext.BaseDirectory}: cannot locate ../shared/github-fixtures for the GitHub client tests.");
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
