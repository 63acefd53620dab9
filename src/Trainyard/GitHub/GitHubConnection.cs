namespace Trainyard.GitHub;

/// <summary>
/// Where the GitHub REST API is and how to authenticate: <c>GITHUB_API_URL</c> (GitHub Enterprise, e.g.
/// <c>https://ghe.example.com/api/v3</c>) defaulting to api.github.com, and the token from <c>GITHUB_TOKEN</c>.
/// </summary>
public sealed record GitHubConnection(Uri ApiUrl, string Token)
{
    public static readonly Uri PublicApi = new("https://api.github.com");

    /// <summary>The REST API version Trainyard is written against (sent as <c>X-GitHub-Api-Version</c>).</summary>
    public const string ApiVersion = "2022-11-28";

    /// <summary>Reads the connection from the environment; null when there is no token (outside CI, or no permission).</summary>
    public static GitHubConnection? FromEnvironment(Func<string, string?>? environment = null)
    {
        environment ??= Environment.GetEnvironmentVariable;
        var token = environment("GITHUB_TOKEN");
        if (string.IsNullOrWhiteSpace(token)) return null;
        var url = environment("GITHUB_API_URL");
        if (string.IsNullOrWhiteSpace(url)) return new GitHubConnection(PublicApi, token);
        if (!Uri.TryCreate(url, UriKind.Absolute, out var apiUrl) || apiUrl.Scheme is not ("https" or "http"))
            throw new TrainyardException($"GITHUB_API_URL '{url}' is not an http(s) URL.");
        return new GitHubConnection(apiUrl, token);
    }

    /// <summary>
    /// The API URL ending in <c>/</c>, as Octokit's <c>Connection</c> needs it: it resolves relative paths against it, so
    /// without the slash an Enterprise prefix such as <c>/api/v3</c> would lose its last segment.
    /// </summary>
    internal Uri BaseAddress => new(ApiUrl.AbsoluteUri.TrimEnd('/') + "/");

    /// <summary>Whether a URL GitHub handed back (a <c>Link</c> header) is on the same host, so the token may go there.</summary>
    internal bool IsSameOrigin(Uri url) =>
        Uri.Compare(url, ApiUrl, UriComponents.SchemeAndServer, UriFormat.Unescaped, StringComparison.OrdinalIgnoreCase) == 0;

    // The token must never reach a log or an exception message, including through a record's generated ToString.
    public override string ToString() => $"GitHubConnection {{ ApiUrl = {ApiUrl}, Token = *** }}";
}

/// <summary>A repository as <c>owner/name</c> (the form of <c>GITHUB_REPOSITORY</c>).</summary>
public sealed record GitHubRepository(string Owner, string Name)
{
    public static GitHubRepository Parse(string ownerAndName)
    {
        var parts = ownerAndName.Split('/');
        if (parts.Length != 2 || parts[0].Length == 0 || parts[1].Length == 0)
            throw new TrainyardException($"GitHub repository '{ownerAndName}' is not of the form owner/name.");
        return new GitHubRepository(parts[0], parts[1]);
    }

    public override string ToString() => $"{Owner}/{Name}";
}
