using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.Json.Nodes;

namespace Trainyard.Tests.GitHub;

/// <summary>
/// A GitHub Enterprise stand-in on 127.0.0.1 (<c>/api/v3</c>): replays recorded octokit/fixtures traffic by
/// method and path, serves issue comments from memory in GitHub's conventions, serves scripted failures first,
/// and keeps every request it received so tests assert on what the client really sent.
/// </summary>
internal sealed class LocalGitHub : IAsyncDisposable
{
    const string BasePath = "/api/v3";
    readonly HttpListener _listener = new();
    readonly Task _loop;
    readonly List<RecordedExchange> _recorded = [];
    readonly ConcurrentQueue<ScriptedResponse> _scripted = new();
    readonly string _origin;

    public LocalGitHub(params string[] recordedFiles)
    {
        foreach (var file in recordedFiles) _recorded.AddRange(RecordedTraffic.Load(file));
        var port = FreePort();
        _origin = $"http://127.0.0.1:{port}";
        _listener.Prefixes.Add($"{_origin}/");
        _listener.Start();
        Comments = new IssueComments(this);
        Issues = new RepositoryIssues(this);
        _loop = Task.Run(ServeAsync);
    }

    public Uri ApiUrl => new($"{_origin}{BasePath}");
    public ConcurrentQueue<ReceivedRequest> Received { get; } = new();
    public IssueComments Comments { get; }
    public RepositoryIssues Issues { get; }

    internal string Url(string path) => $"{_origin}{BasePath}{path}";

    /// <summary>Serves <paramref name="response"/> to the next request with its method and path, ahead of the normal answer.</summary>
    public void Script(ScriptedResponse response, int times = 1)
    {
        for (var i = 0; i < times; i++) _scripted.Enqueue(response);
    }

    public IReadOnlyList<ReceivedRequest> Requests(string method) => Received.Where(r => r.Method == method).ToList();

    async Task ServeAsync()
    {
        while (_listener.IsListening)
        {
            HttpListenerContext context;
            try { context = await _listener.GetContextAsync(); }
            catch (Exception) when (!_listener.IsListening) { return; }
            catch (HttpListenerException) { return; }
            // One bad request must not stop the loop: later requests would then wait for an answer forever.
            try
            {
                var request = ReceivedRequest.From(context.Request, BasePath);
                Received.Enqueue(request);
                var (status, headers, body) = Answer(request);
                await RespondAsync(context.Response, status, headers, body);
            }
            catch (Exception e) when (e is not OutOfMemoryException)
            {
                try { await RespondAsync(context.Response, 500, new Dictionary<string, string>(), System.Text.Json.JsonSerializer.Serialize(new { message = $"LocalGitHub: {e.Message}" })); }
                catch (Exception) { context.Response.Abort(); }
            }
        }
    }

    (int Status, IReadOnlyDictionary<string, string> Headers, string Body) Answer(ReceivedRequest request)
    {
        if (_scripted.TryPeek(out var next) && next.Method == request.Method && next.Path == request.Path
            && _scripted.TryDequeue(out var scripted))
            return (scripted.Status, scripted.Headers, scripted.Body);
        if (Comments.TryAnswer(request) is { } comments) return comments;
        if (Issues.TryAnswer(request) is { } issues) return issues;
        var candidates = _recorded.Where(e => e.Method == request.Method && e.Path == request.Path).ToList();
        // Several recordings share a path (two statuses on one SHA): pick the one whose request body matches.
        var recorded = candidates.FirstOrDefault(e => JsonNode.DeepEquals(e.RequestBody, request.Json)) ?? candidates.FirstOrDefault();
        if (recorded is null) return (404, new Dictionary<string, string>(), """{"message":"Not Found"}""");
        return (recorded.Status, recorded.Headers, recorded.Response?.ToJsonString() ?? "");
    }

    async Task RespondAsync(HttpListenerResponse response, int status, IReadOnlyDictionary<string, string> headers, string body)
    {
        response.StatusCode = status;
        foreach (var (name, value) in headers)
        {
            if (name.Equals("content-length", StringComparison.OrdinalIgnoreCase)
                || name.Equals("transfer-encoding", StringComparison.OrdinalIgnoreCase)
                || name.Equals("connection", StringComparison.OrdinalIgnoreCase)) continue;
            // Recorded Link headers point at api.github.com; point them here, as GitHub Enterprise would.
            response.Headers[name] = value.Replace("https://api.github.com", _origin + BasePath, StringComparison.Ordinal);
        }
        response.ContentType = "application/json; charset=utf-8";
        var bytes = Encoding.UTF8.GetBytes(body);
        response.ContentLength64 = bytes.Length;
        await response.OutputStream.WriteAsync(bytes);
        response.Close();
    }

    static int FreePort()
    {
        var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        var port = ((IPEndPoint)probe.LocalEndpoint).Port;
        probe.Stop();
        return port;
    }

    public async ValueTask DisposeAsync()
    {
        // Close only: after Stop, Close unregisters the prefix again, and the managed listener re-binds the port to do
        // that — "Address already in use" when a parallel test has taken it meanwhile.
        _listener.Close();
        // The managed listener can leave a pending accept unfinished after Close: never let that hang a test.
        try { await _loop.WaitAsync(TimeSpan.FromSeconds(5)); } catch (Exception e) when (e is ObjectDisposedException or TimeoutException) { }
    }
}
