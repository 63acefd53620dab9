using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace Trainyard.Tests.GitHub;

/// <summary>
/// The issue-comment endpoints, served from memory in the recorded traffic's conventions: list with
/// <c>per_page</c>/<c>page</c> and a <c>Link</c> header (next, last, prev, first), create (201), update (200).
/// </summary>
internal sealed partial class IssueComments(LocalGitHub server)
{
    readonly List<JsonObject> _comments = [];
    long _nextId = 1000;

    public IReadOnlyList<JsonObject> All { get { lock (_comments) return _comments.ToList(); } }

    public long Add(string body)
    {
        lock (_comments)
        {
            var comment = new JsonObject
            {
                ["id"] = _nextId, ["node_id"] = "MDA6RW50aXR5MQ==", ["body"] = body,
                ["html_url"] = $"https://github.com/octo/repo/pull/1#issuecomment-{_nextId}",
                ["user"] = new JsonObject { ["login"] = "github-actions[bot]", ["type"] = "Bot" },
            };
            _comments.Add(comment);
            return _nextId++;
        }
    }

    public (int, IReadOnlyDictionary<string, string>, string)? TryAnswer(ReceivedRequest request)
    {
        var path = request.Path.Split('?')[0];
        if (request.Method == "GET" && ListPath().Match(path) is { Success: true }) return List(request);
        if (request.Method == "POST" && ListPath().Match(path) is { Success: true })
        {
            var id = Add(request.Json!["body"]!.GetValue<string>());
            return (201, NoHeaders, Find(id)!.ToJsonString());
        }
        if (request.Method == "PATCH" && OnePath().Match(path) is { Success: true } one)
        {
            var comment = Find(long.Parse(one.Groups[1].Value));
            if (comment is null) return (404, NoHeaders, """{"message":"Not Found"}""");
            lock (_comments) comment["body"] = request.Json!["body"]!.GetValue<string>();
            return (200, NoHeaders, comment.ToJsonString());
        }
        return null;
    }

    (int, IReadOnlyDictionary<string, string>, string) List(ReceivedRequest request)
    {
        var query = System.Web.HttpUtility.ParseQueryString(request.Path.Contains('?') ? request.Path[request.Path.IndexOf('?')..] : "");
        var perPage = int.TryParse(query["per_page"], out var p) ? p : 30;
        var page = int.TryParse(query["page"], out var n) ? n : 1;
        var all = All;
        var last = Math.Max(1, (all.Count + perPage - 1) / perPage);
        var pathOnly = request.Path.Split('?')[0];
        string Link(int target, string rel) => $"<{server.Url(pathOnly)}?per_page={perPage}&page={target}>; rel=\"{rel}\"";
        var links = new List<string>();
        if (page > 1) links.Add(Link(page - 1, "prev"));
        if (page < last) { links.Add(Link(page + 1, "next")); links.Add(Link(last, "last")); }
        if (page > 1) links.Add(Link(1, "first"));
        var headers = new Dictionary<string, string>();
        if (links.Count > 0) headers["Link"] = string.Join(", ", links);
        var slice = new JsonArray(all.Skip((page - 1) * perPage).Take(perPage).Select(c => (JsonNode)c.DeepClone()).ToArray());
        return (200, headers, slice.ToJsonString());
    }

    JsonObject? Find(long id) { lock (_comments) return _comments.FirstOrDefault(c => c["id"]!.GetValue<long>() == id); }

    static readonly IReadOnlyDictionary<string, string> NoHeaders = new Dictionary<string, string>();

    [GeneratedRegex(@"^/repos/[^/]+/[^/]+/issues/\d+/comments$")]
    private static partial Regex ListPath();

    [GeneratedRegex(@"^/repos/[^/]+/[^/]+/issues/comments/(\d+)$")]
    private static partial Regex OnePath();
}
