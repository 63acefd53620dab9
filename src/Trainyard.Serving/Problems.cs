using System.Text.Json;

namespace Trainyard.Serving;

/// <summary>Error answers as RFC 7807 problem details (<c>application/problem+json</c>), with the request id and, for invalid input, an <c>errors</c> map of field → messages.</summary>
internal static class Problems
{
    public static async Task WriteAsync(HttpContext context, int status, string title, string detail, string? requestId,
        IReadOnlyDictionary<string, string[]>? errors = null)
    {
        using var body = new AnswerBuffer(512);
        using (var json = new Utf8JsonWriter(body, ServingJson.WriterOptions))
            JsonSerializer.Serialize(json, new ProblemBody(title, status, detail, requestId, errors), ServingJson.Default.ProblemBody);
        context.Response.StatusCode = status;
        await AnswerBuffer.SendAsync(context.Response, "application/problem+json", body.WrittenMemory, context.RequestAborted);
    }
}
