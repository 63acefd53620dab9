using System.Net;
using System.Text.Json.Nodes;

namespace Trainyard.Tests.GitHub;

/// <summary>A request the local GitHub server received, as the client really sent it.</summary>
internal sealed record ReceivedRequest(string Method, string Path, IReadOnlyDictionary<string, string> Headers, string Body)
{
    public JsonNode? Json => Body.Length == 0 ? null : JsonNode.Parse(Body);

    public string? Header(string name) => Headers.TryGetValue(name, out var v) ? v : null;

    public static ReceivedRequest From(HttpListenerRequest request, string basePath)
    {
        using var reader = new StreamReader(request.InputStream, request.ContentEncoding);
        var headers = request.Headers.AllKeys.Where(k => k is not null)
            .ToDictionary(k => k!, k => request.Headers[k]!, StringComparer.OrdinalIgnoreCase);
        var raw = request.RawUrl ?? "/";
        // The server plays GitHub Enterprise: strip its /api/v3 prefix so paths read like api.github.com's.
        var path = raw.StartsWith(basePath, StringComparison.Ordinal) ? raw[basePath.Length..] : raw;
        return new ReceivedRequest(request.HttpMethod, path, headers, reader.ReadToEnd());
    }
}

/// <summary>A response the server sends instead of its normal one, for the next matching requests.</summary>
internal sealed record ScriptedResponse(string Method, string Path, int Status, IReadOnlyDictionary<string, string> Headers, string Body)
{
    public static ScriptedResponse Replay(RecordedExchange recorded, string method, string path) =>
        new(method, path, recorded.Status, recorded.Headers, recorded.Response?.ToJsonString() ?? "");

    public static ScriptedResponse RateLimited(string method, string path, int retryAfterSeconds) =>
        new(method, path, 403, new Dictionary<string, string> { ["Retry-After"] = retryAfterSeconds.ToString() },
            """{"message":"You have exceeded a secondary rate limit. Please wait a few minutes before you try again.","documentation_url":"https://docs.github.com/rest/overview/resources-in-the-rest-api#secondary-rate-limits"}""");

    public static ScriptedResponse ServerError(string method, string path, int status = 502) =>
        new(method, path, status, new Dictionary<string, string>(), """{"message":"Server Error"}""");
}
