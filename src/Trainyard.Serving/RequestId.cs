namespace Trainyard.Serving;

/// <summary>A request's id: the client's <c>X-Request-Id</c> when it sends a sensible one (so its traces join ours), else the server's own; echoed in the answer's header.</summary>
internal static class RequestId
{
    public const string Header = "X-Request-Id";

    public static string Of(HttpContext context)
    {
        var given = context.Request.Headers[Header].ToString();
        var id = given.Length is > 0 and <= 128 && given.All(c => c is > ' ' and < '\u007f') ? given : context.TraceIdentifier;
        context.Response.Headers[Header] = id;
        return id;
    }
}
