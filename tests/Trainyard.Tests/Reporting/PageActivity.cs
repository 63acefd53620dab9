using System.Collections.Concurrent;
using Microsoft.Playwright;

namespace Trainyard.Tests.Reporting;

/// <summary>
/// What a page did in the browser from the moment it is watched: the console's errors, uncaught page errors, and
/// every request it made. Playwright raises these events on its own thread, hence the concurrent queues.
/// </summary>
internal sealed class PageActivity
{
    readonly ConcurrentQueue<string> _consoleErrors = new();
    readonly ConcurrentQueue<string> _pageErrors = new();
    readonly ConcurrentQueue<string> _requests = new();

    PageActivity(IPage page)
    {
        page.Console += (_, message) => { if (message.Type == "error") _consoleErrors.Enqueue($"{message.Text} ({message.Location})"); };
        page.PageError += (_, error) => _pageErrors.Enqueue(error);
        page.Request += (_, request) => _requests.Enqueue(request.Url);
    }

    public static PageActivity Watch(IPage page) => new(page);

    public IReadOnlyList<string> ConsoleErrors => [.. _consoleErrors];
    public IReadOnlyList<string> PageErrors => [.. _pageErrors];
    public IReadOnlyList<string> Requests => [.. _requests];

    /// <summary>
    /// The page logged no error, threw none, and requested nothing but itself (and inline data: URLs): a
    /// self-contained report works as a CI artifact and offline.
    /// </summary>
    public void AssertCleanAndOffline(string ownUrl)
    {
        // The report's own load is seen, so the recorder is known to work and an empty list proves something.
        Assert.Contains(ownUrl, Requests);
        var foreign = Requests.Where(url => url != ownUrl && !url.StartsWith("data:", StringComparison.Ordinal)).ToArray();
        Assert.True(foreign.Length == 0, "the report requested what it should carry inline: " + string.Join(", ", foreign));
        Assert.True(ConsoleErrors.Count == 0, "console errors: " + string.Join("; ", ConsoleErrors));
        Assert.True(PageErrors.Count == 0, "page errors: " + string.Join("; ", PageErrors));
    }
}
