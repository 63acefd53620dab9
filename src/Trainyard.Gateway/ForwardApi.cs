using System.Net;
using Yarp.ReverseProxy.Forwarder;

namespace Trainyard.Gateway;

/// <summary>
/// Every request the public listener has no endpoint of goes to the stable or the canary upstream (docs/deploy.md):
/// the caller's key checked when callers are configured, the upstream chosen per request by weight (or pinned by
/// <c>X-Trainyard-Route</c>), forwarded, and counted. Predictions go by <see cref="PredictForwarder"/> (unless
/// TRAINYARD_GATEWAY_FORWARDER=yarp), everything else by YARP's <see cref="IHttpForwarder"/>.
/// </summary>
internal static class ForwardApi
{
    public const string RouteHeader = "X-Trainyard-Route";
    public const string VersionHeader = "X-Trainyard-Version";

    public static void MapForwardApi(this WebApplication app)
    {
        var table = app.Services.GetRequiredService<RoutingTable>();
        var metrics = app.Services.GetRequiredService<GatewayMetrics>();
        var forwarder = app.Services.GetRequiredService<IHttpForwarder>();
        var predictions = app.Services.GetService<PredictForwarder>(); // null: TRAINYARD_GATEWAY_FORWARDER=yarp
        // One connection pool for every upstream: connections to an upstream no longer routed to idle out by themselves,
        // none is closed while a request uses it.
        var client = new HttpMessageInvoker(new SocketsHttpHandler
        {
            UseProxy = false, AllowAutoRedirect = false, AutomaticDecompression = DecompressionMethods.None, UseCookies = false,
            ConnectTimeout = TimeSpan.FromSeconds(5), PooledConnectionIdleTimeout = TimeSpan.FromSeconds(30),
            ActivityHeadersPropagator = null,
        });
        // HTTP/1.1 to the model servers: they listen in cleartext, where HTTP/2 would need prior knowledge.
        var config = new ForwarderRequestConfig { ActivityTimeout = TimeSpan.FromSeconds(100), Version = HttpVersion.Version11, VersionPolicy = HttpVersionPolicy.RequestVersionOrLower };
        app.Map("/{**path}", (HttpContext context) => ForwardAsync(context, table, metrics, forwarder, client, config, predictions));
    }

    static async Task ForwardAsync(HttpContext context, RoutingTable table, GatewayMetrics metrics, IHttpForwarder forwarder, HttpMessageInvoker client,
        ForwarderRequestConfig config, PredictForwarder? predictions)
    {
        var route = table.Current; // this request's state to its end: a change meanwhile drains, it never reroutes
        var headers = context.Request.Headers;
        string? caller = null;
        if (route.Callers.Count > 0)
        {
            caller = CallerKeys.Identify(headers[CallerKeys.KeyHeader].ToString(), route.Callers);
            if (caller is null)
            {
                Interlocked.Increment(ref metrics.Unauthorized);
                await Problems.WriteAsync(context, 401, "Unauthorized", $"this model needs a caller key: send the key you were given in the {CallerKeys.KeyHeader} header");
                return;
            }
        }
        // Neither the key nor a caller name the client made up reaches a model server.
        headers.Remove(CallerKeys.KeyHeader);
        headers.Remove(CallerKeys.CallerHeader);
        if (caller is not null) headers[CallerKeys.CallerHeader] = caller;

        var state = route.State;
        var pinned = headers[RouteHeader].ToString();
        headers.Remove(RouteHeader);
        var canary = pinned switch
        {
            "" => state.Stable is not null && state.Canary is not null && table.DrawCanary(state.CanaryWeight),
            "stable" => false,
            "canary" => true,
            _ => (bool?)null,
        };
        if (canary is null)
        {
            await Problems.WriteAsync(context, 400, "Bad route header", $"{RouteHeader} is '{pinned}': send stable or canary, or leave it out");
            return;
        }
        var upstream = canary.Value ? state.Canary : state.Stable;
        if (upstream is null)
        {
            await Problems.WriteAsync(context, 503, "Service unavailable", canary.Value ? "no canary deployed" : "no model deployed");
            return;
        }

        var name = canary.Value ? "canary" : "stable";
        if (caller is not null) metrics.Caller(caller, upstream.Version);
        var series = metrics.For(name, upstream.Version);
        var start = series.Begin();
        try
        {
            var target = canary.Value ? route.CanaryTarget : route.StableTarget;
            if (predictions is not null && target is not null && PredictForwarder.Takes(context.Request))
            {
                if (!await predictions.ForwardAsync(context, target, name, upstream.Version) && !context.Response.HasStarted) Mark(context.Response, name, upstream.Version);
                return;
            }
            var error = await forwarder.SendAsync(context, upstream.Url, client, config, new RouteHeaders(name, upstream.Version));
            if (error != ForwarderError.None && !context.Response.HasStarted) Mark(context.Response, name, upstream.Version);
        }
        finally { series.End(context.Response.StatusCode, start); }
    }

    public static void Mark(HttpResponse response, string route, string version)
    {
        response.Headers[RouteHeader] = route;
        response.Headers[VersionHeader] = version;
    }

    /// <summary>YARP's default header copying, plus the answer's route and version headers.</summary>
    sealed class RouteHeaders(string route, string version) : HttpTransformer
    {
        public override async ValueTask<bool> TransformResponseAsync(HttpContext httpContext, HttpResponseMessage? proxyResponse, CancellationToken cancellationToken)
        {
            var copied = await base.TransformResponseAsync(httpContext, proxyResponse, cancellationToken);
            Mark(httpContext.Response, route, version);
            return copied;
        }
    }
}
