namespace Trainyard.GitHub;

/// <summary>A successful response's body, and the URL of the next page when the list continues.</summary>
internal sealed record GitHubResponse(string Body, Uri? Next)
{
    public static GitHubResponse From(HttpResponseMessage response, string body) => new(body, LinkHeader.Next(response));
}

/// <summary>
/// Reads GitHub's <c>Link</c> header (RFC 8288), e.g.
/// <c>&lt;https://api.github.com/repositories/1/issues?page=2&gt;; rel="next", &lt;…?page=5&gt;; rel="last"</c>,
/// to follow pagination: GitHub's own next URL is used as given rather than counting pages. A relative link (the OCI
/// distribution API's <c>&lt;/v2/…/tags/list?n=2&amp;last=b&gt;</c>) resolves against the request's URL (RFC 8288 §3.2).
/// </summary>
internal static class LinkHeader
{
    public static Uri? Next(HttpResponseMessage response)
    {
        if (!response.Headers.TryGetValues("Link", out var values)) return null;
        foreach (var header in values)
            foreach (var link in header.Split(','))
                if (Parse(link, response.RequestMessage?.RequestUri) is ({ } url, var rels) && rels.Contains("next")) return url;
        return null;
    }

    static (Uri? Url, string[] Rels) Parse(string link, Uri? context)
    {
        var parts = link.Split(';');
        var target = parts[0].Trim();
        if (target.Length < 2 || target[0] != '<' || target[^1] != '>') return (null, []);
        var reference = target[1..^1];
        var resolved = context is null ? Uri.TryCreate(reference, UriKind.Absolute, out var url) : Uri.TryCreate(context, reference, out url);
        if (!resolved) return (null, []);
        var rels = parts.Skip(1)
            .Select(p => p.Trim())
            .Where(p => p.StartsWith("rel=", StringComparison.OrdinalIgnoreCase))
            .SelectMany(p => p[4..].Trim('"').Split(' ', StringSplitOptions.RemoveEmptyEntries))
            .ToArray();
        return (url, rels);
    }
}
