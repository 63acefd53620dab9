using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace Trainyard.Gateway;

/// <summary>
/// The admin API, on its own listener (loopback by default): GET /admin/state and PUT /admin/state (docs/deploy.md).
/// Every call needs <c>Authorization: Bearer &lt;TRAINYARD_GATEWAY_TOKEN&gt;</c>, compared in constant time; any other
/// call gets 401 and changes nothing. The token is never logged, nor echoed.
/// </summary>
internal static class AdminApi
{
    const int MaxBodyBytes = 1024 * 1024;

    public static void MapAdminApi(this WebApplication app, string token)
    {
        var table = app.Services.GetRequiredService<RoutingTable>();
        var expected = SHA256.HashData(Encoding.UTF8.GetBytes(token)); // compared as hashes: equal lengths, so constant time
        app.Use(async (context, next) =>
        {
            if (Refusal(context.Request.Headers.Authorization.ToString(), expected) is { } reason)
            {
                app.Logger.LogWarning("admin API: refused {Method} {Path} from {Remote}: {Reason}",
                    context.Request.Method, context.Request.Path.Value, context.Connection.RemoteIpAddress, reason);
                context.Response.Headers.WWWAuthenticate = "Bearer";
                await Problems.WriteAsync(context, 401, "Unauthorized", $"{reason}: send Authorization: Bearer <the gateway's {GatewayOptions.TokenVariable}>");
                return;
            }
            await next(context);
        });
        app.MapGet("/admin/state", () => Results.Json(table.Current.State.Shown(), GatewayJson.Default.RoutingState));
        app.MapPut("/admin/state", (HttpContext context) => PutAsync(context, table, app.Logger));
    }

    static string? Refusal(string authorization, byte[] expected)
    {
        if (authorization.Length == 0) return "no bearer token";
        if (!authorization.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase)) return "the Authorization header is not a bearer token";
        var given = SHA256.HashData(Encoding.UTF8.GetBytes(authorization["Bearer ".Length..].Trim()));
        return CryptographicOperations.FixedTimeEquals(given, expected) ? null : "wrong bearer token";
    }

    static async Task PutAsync(HttpContext context, RoutingTable table, ILogger logger)
    {
        var body = new MemoryStream();
        await context.Request.Body.CopyToAsync(body, context.RequestAborted);
        if (body.Length > MaxBodyBytes)
        {
            await Problems.WriteAsync(context, 413, "Too large", $"a routing state is at most {MaxBodyBytes} bytes");
            return;
        }
        var (requested, field, problem) = GatewayJson.Parse(body.GetBuffer().AsSpan(0, (int)body.Length));
        var problems = requested is null ? new Dictionary<string, string[]> { [field!] = [problem!] } : requested.Problems();
        if (problems.Count > 0)
        {
            await Problems.WriteAsync(context, 400, "Invalid routing state",
                $"fix {string.Join(", ", problems.Keys)}: " + string.Join("; ", problems.Select(p => $"{p.Key}: {p.Value[0]}")), problems);
            return;
        }
        var state = await table.ChangeAsync(requested!, context.RequestAborted);
        logger.LogInformation("routing state {Generation}: stable {Stable}, canary {Canary} at {Weight}%, callers [{Callers}]",
            state.Generation, Describe(state.Stable), Describe(state.Canary), state.CanaryWeight, string.Join(", ", (state.Clients ?? []).Select(c => c.Name)));
        context.Response.ContentType = "application/json";
        await JsonSerializer.SerializeAsync(context.Response.Body, state.Shown(), GatewayJson.Default.RoutingState, context.RequestAborted);
    }

    static string Describe(Upstream? upstream) => upstream is null ? "none" : $"{upstream.Version} at {upstream.Url}";
}
