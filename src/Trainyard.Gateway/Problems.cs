using System.Text.Json;

namespace Trainyard.Gateway;

/// <summary>The gateway's own error answers as RFC 7807 problem details (<c>application/problem+json</c>).</summary>
internal static class Problems
{
    public static async Task WriteAsync(HttpContext context, int status, string title, string detail, IReadOnlyDictionary<string, string[]>? errors = null)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/problem+json";
        await JsonSerializer.SerializeAsync(context.Response.Body, new ProblemBody(title, status, detail, errors), GatewayJson.Default.ProblemBody, context.RequestAborted);
    }
}
