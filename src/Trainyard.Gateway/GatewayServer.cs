// Composition only: the gateway's features live in one Map*Api file each (docs/deploy.md).
namespace Trainyard.Gateway;

/// <summary>
/// The gateway's entry point. Its own Program calls it, and so does the small host project the gateway image is
/// published from in a consuming repository, which gets the gateway from the Trainyard.Gateway package.
/// </summary>
public static class GatewayServer
{
    /// <summary>Runs the gateway (or <c>--probe</c>, <c>--help</c>) with the process's arguments; returns the exit code.</summary>
    public static async Task<int> RunAsync(string[] args)
    {
        // Arguments first: --probe must answer fast, reading no other setting and building no web host.
        if (await CommandLine.Arguments.RunAsync(args, Environment.GetEnvironmentVariable, Console.Out, Console.Error, CancellationToken.None) is { } exitCode)
            return exitCode;

        var (options, problems) = GatewayOptions.Read(Environment.GetEnvironmentVariable);
        var (state, stateProblem) = RoutingTable.Load(options?.StateFile);
        if (options is null || state is null)
        {
            foreach (var problem in problems.Append(stateProblem).OfType<string>()) Console.Error.WriteLine($"trainyard-gateway: {problem}");
            return 2;
        }

        // Forwarding's continuations on the sockets' event threads: the runtime reads this once, before the first socket.
        if (options.InlineIo) Environment.SetEnvironmentVariable("DOTNET_SYSTEM_NET_SOCKETS_INLINE_COMPLETIONS", "1");
        var table = new RoutingTable(state, options.Seed, options.StateFile);
        var metrics = new GatewayMetrics();
        using var connections = new UpstreamConnections();
        await using var app = Build(options.Urls, options.InlineIo, table, metrics, services =>
        {
            services.AddHttpForwarder();
            if (options.LeanPredictions)
                services.AddSingleton(provider => new PredictForwarder(connections, provider.GetRequiredService<ILoggerFactory>().CreateLogger<PredictForwarder>()));
        });
        app.MapHealthApi();
        app.MapMetricsApi();
        app.MapForwardApi();
        await using var admin = options.Token is not null ? Build(options.AdminUrls, inlineIo: false, table, metrics, _ => { }) : null;
        admin?.MapAdminApi(options.Token!);

        try
        {
            await app.StartAsync();
            if (admin is not null) await admin.StartAsync();
        }
        catch (IOException error)
        {
            // Kestrel's "address already in use" and the like: the listener named, no stack trace.
            Console.Error.WriteLine($"trainyard-gateway: cannot listen: {error.Message}");
            return 1;
        }
        app.Logger.LogInformation("gateway on {Urls}; routing state {Generation}: stable {Stable}, canary {Canary} at {Weight}%; admin API {Admin}",
            options.Urls, state.Generation, state.Stable?.Version ?? "none", state.Canary?.Version ?? "none", state.CanaryWeight,
            admin is null ? $"off ({GatewayOptions.TokenVariable} is not set)" : $"on {options.AdminUrls}");
        if (admin is not null && !options.AdminOnLoopback)
            app.Logger.LogWarning("the admin API listens beyond this host ({AdminUrls}): anyone who reaches it with the token moves all traffic", options.AdminUrls);

        // Either listener stopping (SIGTERM reaches both) stops the other; StopAsync lets requests in flight finish.
        await (admin is null ? app.WaitForShutdownAsync() : Task.WhenAny(app.WaitForShutdownAsync(), admin.WaitForShutdownAsync()));
        await app.StopAsync();
        if (admin is not null) await admin.StopAsync();
        return 0;
    }

    static WebApplication Build(string urls, bool inlineIo, RoutingTable table, GatewayMetrics metrics, Action<IServiceCollection> more)
    {
        // The content root is the executable's folder and no configuration file is watched: by default the host
        // watches the content root (the working directory: "/" in a container without WORKDIR) for appsettings.json
        // with a recursive inotify watch, ~1,800 folders and 0.2–0.7 s of start-up (as the model server's ModelServer).
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions
        {
            ContentRootPath = AppContext.BaseDirectory,
            Args = ["--hostBuilder:reloadConfigOnChange=false"],
        });
        // No line per request: ASP.NET Core's and YARP's (two per request at Information, which cost the gateway more
        // CPU than forwarding: docs/benchmarks.md, "Canary gateway") only from Warning up.
        // Hosting's diagnostics off altogether: while its logger is enabled at any level, ASP.NET Core starts an Activity
        // and a log scope for every request (AsyncLocal copies included), a sixth of the gateway's allocation per request
        // and so of its garbage collections, which stall every request in flight (docs/benchmarks.md, "Canary gateway").
        // It logs nothing the gateway needs: request lines (Information) and startup errors, which RunAsync reports.
        builder.Logging.ClearProviders().AddJsonConsole().AddFilter("Microsoft.AspNetCore", LogLevel.Warning).AddFilter("Yarp", LogLevel.Warning)
            .AddFilter("Microsoft.AspNetCore.Hosting.Diagnostics", LogLevel.None);
        // As the model server: read straight into a buffer (waiting for data first costs two more receive calls per
        // request); the answer's Server header is the model server's, copied.
        builder.WebHost.UseUrls(urls).UseSockets(sockets =>
        {
            sockets.UnsafePreferInlineScheduling = inlineIo;
            sockets.WaitForDataBeforeAllocatingBuffer = false;
        });
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.AddServerHeader = false);
        builder.Services.AddSingleton(table).AddSingleton(metrics);
        more(builder.Services);
        return builder.Build();
    }
}
