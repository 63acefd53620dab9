using System.Net;
using System.Text;
using Trainyard.Tests.Registry.Distribution;

namespace Trainyard.Tests.Deploy.Metrics;

/// <summary>
/// An exporter on 127.0.0.1 whose <c>/metrics</c> answers whatever text the test holds at that moment (status 200,
/// text 0.0.4), or a status the test sets: for the windowing cases no running process can be made to show (a
/// restart between two scrapes, a malformed line).
/// </summary>
internal sealed class TextExporter : IAsyncDisposable
{
    readonly HttpListener _listener = new();
    readonly Task _loop;
    readonly Func<string> _text;

    public TextExporter(Func<string> text)
    {
        _text = text;
        Url = new Uri($"http://127.0.0.1:{RegistryServer.FreePort()}/metrics");
        _listener.Prefixes.Add($"http://127.0.0.1:{Url.Port}/");
        _listener.Start();
        _loop = Task.Run(ServeAsync);
    }

    public Uri Url { get; }
    public int Status { get; set; } = 200;
    public int Scrapes;

    async Task ServeAsync()
    {
        while (_listener.IsListening)
        {
            HttpListenerContext context;
            try { context = await _listener.GetContextAsync(); }
            catch (Exception) when (!_listener.IsListening) { return; }
            catch (HttpListenerException) { return; }
            Interlocked.Increment(ref Scrapes);
            var bytes = Encoding.UTF8.GetBytes(_text());
            context.Response.StatusCode = Status;
            context.Response.ContentType = "text/plain; version=0.0.4; charset=utf-8";
            context.Response.ContentLength64 = bytes.Length;
            await context.Response.OutputStream.WriteAsync(bytes);
            context.Response.Close();
        }
    }

    public async ValueTask DisposeAsync()
    {
        _listener.Stop();
        _listener.Close();
        try { await _loop; } catch (ObjectDisposedException) { }
    }
}
