namespace Trainyard.Serving;

/// <summary>
/// GET /healthz: the process answers. GET /readyz: the model is loaded and its self-test (scoring the package's
/// example.json) gave the expected answers — 503 naming the difference otherwise, so the instance gets no traffic.
/// </summary>
internal static class HealthApi
{
    public static void MapHealthApi(this WebApplication app)
    {
        var model = app.Services.GetRequiredService<ServedModel>();
        app.MapGet("/healthz", () => Results.Text("ok\n"));
        app.MapGet("/readyz", (HttpContext context) => model.SelfTestProblem is { } problem
            ? Problems.WriteAsync(context, 503, "Not ready", $"{model.Name} {model.Version} failed its self-test: {problem}", RequestId.Of(context))
            : Ready(context.Response, $"ready: {model.Name} {model.Version} {model.Digest}\n"));
    }

    // As /healthz's Results.Text: a probe or a person reading it should not have to guess the type.
    static Task Ready(HttpResponse response, string text)
    {
        response.ContentType = "text/plain; charset=utf-8";
        return response.WriteAsync(text);
    }
}
