namespace Trainyard.Registry.Distribution;

/// <summary>
/// Reads a <c>Link</c> header (RFC 8288) to follow the distribution API's tag-list pagination: the registry's own
/// next URL is used as given rather than building one. A relative link (<c>&lt;/v2/…/tags/list?n=2&amp;last=b&gt;; rel="next"</c>)
/// resolves against the request's URL (RFC 8288 §3.2); an absolute one is taken as it is.
/// (GitHub's pagination, which this once served too, is now Octokit's.)
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
