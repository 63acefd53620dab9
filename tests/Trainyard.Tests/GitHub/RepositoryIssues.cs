using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace Trainyard.Tests.GitHub;

/// <summary>
/// The issue endpoints, served from memory once a test opts in (<see cref="Serve"/>): list the open ones (newest
/// first, <c>per_page</c>/<c>page</c> and a <c>Link</c> header), create (201), update (200). Each issue is the issue
/// object GitHub returned in the recorded traffic (add-labels-to-issue.json), with its number, title, body and state set.
/// </summary>
internal sealed partial class RepositoryIssues(LocalGitHub server)
{
    readonly List<JsonObject> _issues = [];
    readonly JsonObject _recorded = RecordedTraffic.Find("add-labels-to-issue.json", "POST", "/repos/octokit-fixture-org/add-labels-to-issue/issues").Response!.AsObject();
    bool _serving;

    public void Serve() => _serving = true;

    public IReadOnlyList<JsonObject> All { get { lock (_issues) return _issues.ToList(); } }

    public int Add(string title, string body, string state = "open")
    {
        _serving = true;
        lock (_issues)
        {
            var number = _issues.Count + 1;
            var issue = _recorded.DeepClone().AsObject();
            issue["id"] = 5000 + number;
            issue["number"] = number;
            issue["title"] = title;
            issue["body"] = body;
            issue["state"] = state;
            issue["html_url"] = $"https://github.com/octo/repo/issues/{number}";
            _issues.Add(issue);
            return number;
        }
    }

    public (int, IReadOnlyDictionary<string, string>, string)? TryAnswer(ReceivedRequest request)
    {
        if (!_serving) return null;
        var path = request.Path.Split('?')[0];
        if (request.Method == "GET" && ListPath().IsMatch(path)) return List(request, path);
        if (request.Method == "POST" && ListPath().IsMatch(path))
        {
            var number = Add(request.Json!["title"]!.GetValue<string>(), request.Json["body"]!.GetValue<string>());
            return (201, NoHeaders, Find(number)!.ToJsonString());
        }
        if (request.Method == "PATCH" && OnePath().Match(path) is { Success: true } one)
        {
            var issue = Find(int.Parse(one.Groups[1].Value));
            if (issue is null) return (404, NoHeaders, """{"message":"Not Found"}""");
            lock (_issues)
                foreach (var (name, value) in request.Json!.AsObject())
                    if (name is "title" or "body" or "state" or "state_reason") issue[name] = value?.DeepClone();
            return (200, NoHeaders, issue.ToJsonString());
        }
        return null;
    }

    (int, IReadOnlyDictionary<string, string>, string) List(ReceivedRequest request, string path)
    {
        var query = System.Web.HttpUtility.ParseQueryString(request.Path.Contains('?') ? request.Path[request.Path.IndexOf('?')..] : "");
        var perPage = int.TryParse(query["per_page"], out var p) ? p : 30;
        var page = int.TryParse(query["page"], out var n) ? n : 1;
        var open = All.Where(i => i["state"]!.GetValue<string>() == (query["state"] ?? "open")).Reverse().ToList();
        var last = Math.Max(1, (open.Count + perPage - 1) / perPage);
        var headers = new Dictionary<string, string>();
        if (page < last) headers["Link"] = $"<{server.Url(path)}?per_page={perPage}&page={page + 1}>; rel=\"next\", <{server.Url(path)}?per_page={perPage}&page={last}>; rel=\"last\"";
        return (200, headers, new JsonArray([.. open.Skip((page - 1) * perPage).Take(perPage).Select(i => (JsonNode)i.DeepClone())]).ToJsonString());
    }

    JsonObject? Find(int number) { lock (_issues) return _issues.FirstOrDefault(i => i["number"]!.GetValue<int>() == number); }

    static readonly IReadOnlyDictionary<string, string> NoHeaders = new Dictionary<string, string>();

    [GeneratedRegex(@"^/repos/[^/]+/[^/]+/issues$")]
    private static partial Regex ListPath();

    [GeneratedRegex(@"^/repos/[^/]+/[^/]+/issues/(\d+)$")]
    private static partial Regex OnePath();
}
