using System.Text.Json;
using System.Web;

namespace Trainyard.Tests.Registry.Distribution;

/// <summary>
/// Distribution 2.8 ignores <c>?n=</c> on tag lists (pagination came with 3.0, and GHCR, ECR and ACR paginate). This
/// cuts the real registry's full answer into the pages the OCI spec describes — at most n tags after <c>last</c>, in
/// lexical order, with <c>Link: &lt;/v2/&lt;name&gt;/tags/list?n=…&amp;last=…&gt;; rel="next"</c> (relative, as
/// distribution writes it) while more remain — so the store's page-following runs over real registry data.
/// </summary>
internal sealed class TagPages() : DelegatingHandler(new SocketsHttpHandler())
{
    public List<string> PagesServed { get; } = [];

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var url = request.RequestUri!;
        if (request.Method != HttpMethod.Get || !url.AbsolutePath.EndsWith("/tags/list", StringComparison.Ordinal))
            return await base.SendAsync(request, cancellationToken);
        var query = HttpUtility.ParseQueryString(url.Query);
        var n = int.Parse(query["n"] ?? throw new InvalidOperationException("the store asked for tags without ?n="));
        var last = query["last"];
        PagesServed.Add(url.PathAndQuery);

        request.RequestUri = new Uri(url.GetLeftPart(UriPartial.Path));
        var response = await base.SendAsync(request, cancellationToken);
        if (!response.IsSuccessStatusCode) return response;
        using var document = JsonDocument.Parse(await response.Content.ReadAsStringAsync(cancellationToken));
        var all = document.RootElement.GetProperty("tags").EnumerateArray().Select(t => t.GetString()!).Order(StringComparer.Ordinal).ToList();
        var after = all.Where(t => last is null || string.CompareOrdinal(t, last) > 0).ToList();
        var page = after.Take(n).ToList();
        var paged = new HttpResponseMessage(response.StatusCode)
        {
            RequestMessage = request,
            Content = new StringContent(JsonSerializer.Serialize(new { name = document.RootElement.GetProperty("name").GetString(), tags = page })),
        };
        if (after.Count > n)
            paged.Headers.TryAddWithoutValidation("Link", $"<{url.AbsolutePath}?n={n}&last={page[^1]}>; rel=\"next\"");
        response.Dispose();
        return paged;
    }
}
