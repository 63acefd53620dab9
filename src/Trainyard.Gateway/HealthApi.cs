namespace Trainyard.Gateway;

/// <summary>GET /healthz: the gateway itself answers (whether or not a model is deployed behind it).</summary>
internal static class HealthApi
{
    public static void MapHealthApi(this WebApplication app) => app.MapGet("/healthz", () => Results.Text("ok\n"));
}
