// Composition only: the model server's features live in one Map*Api file each (issue 6; docs/serving.md).
using Trainyard.Runtime;
using Trainyard.Runtime.Registry;

namespace Trainyard.Serving;

/// <summary>
/// The model server's entry point. Its own Program calls it, and so does the small host project Containerize generates
/// in a consuming repository, which gets the server from the Trainyard.Serving package (docs/containerize.md).
/// </summary>
public static class ModelServer
{
    /// <summary>Runs the server (or <c>--probe</c>, <c>--help</c>) with the process's arguments; returns the exit code.</summary>
    public static async Task<int> RunAsync(string[] args)
    {
        // Arguments first: --probe must answer fast, reading no other setting and building no web host.
        if (await CommandLine.Arguments.RunAsync(args, Environment.GetEnvironmentVariable, Console.Out, Console.Error, CancellationToken.None) is { } exitCode)
            return exitCode;

        var (options, problems) = ServingOptions.Read(Environment.GetEnvironmentVariable, Environment.ProcessorCount);
        if (options is null)
        {
            foreach (var problem in problems) Console.Error.WriteLine($"trainyard-serving: {problem}");
            return 2;
        }
        // The runtime reads this once, at the first socket (the registry pull's included), so it is set before any.
        if (options.InlineIo) Environment.SetEnvironmentVariable("DOTNET_SYSTEM_NET_SOCKETS_INLINE_COMPLETIONS", "1");
        ServedModel model;
        var source = options.RemoteModel?.ToString() ?? $"{options.ModelPath}:{options.ModelReference}";
        try
        {
            model = options.RemoteModel is { } remote
                ? await ServedModel.PullAsync(remote, options.Login, CancellationToken.None)
                : await ServedModel.LoadAsync(options.ModelPath!, options.ModelReference, CancellationToken.None);
        }
        catch (Exception error) when (error is ModelFormatException or RegistryAccessException or IOException or UnauthorizedAccessException)
        {
            // Registry and package messages already start with the reference they are about.
            Console.Error.WriteLine(error.Message.StartsWith(source, StringComparison.Ordinal)
                ? $"trainyard-serving: cannot load {error.Message}" : $"trainyard-serving: cannot load {source}: {error.Message}");
            return 1;
        }

        // The content root is the executable's folder, not the working directory, and no configuration file is
        // watched: by default the host watches the content root for appsettings.json with a recursive inotify watch,
        // and in a container without WORKDIR that root is "/" (/sys, /proc…: ~1,800 watches, 0.2–0.7 s of start-up).
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions
        {
            ContentRootPath = AppContext.BaseDirectory,
            Args = ["--hostBuilder:reloadConfigOnChange=false"],
        });
        // No line per request; and Hosting's diagnostics off altogether, as in the gateway: while its logger is enabled at
        // any level, ASP.NET Core starts an Activity and a log scope for every request: 1.1 of the 14.6 µs a request cost
        // beyond the bare endpoint's in the profile (docs/benchmarks.md, "The server's own overhead"). It logs nothing the
        // server needs: request lines (Information) and startup errors, which RunAsync reports.
        builder.Logging.ClearProviders().AddJsonConsole().AddFilter("Microsoft.AspNetCore", LogLevel.Warning)
            .AddFilter("Microsoft.AspNetCore.Hosting.Diagnostics", LogLevel.None);
        // Reading straight into a buffer: waiting for data first costs two more receive calls per request (a peek before and after).
        builder.WebHost.UseUrls(options.Urls).UseSockets(sockets =>
        {
            sockets.UnsafePreferInlineScheduling = options.InlineIo;
            sockets.WaitForDataBeforeAllocatingBuffer = false;
        });
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Limits.MaxRequestBodySize = options.MaxRequestBytes);
        builder.Services.AddSingleton(options).AddSingleton(model)
            .AddSingleton<ServerMetrics>().AddSingleton<FeatureDrift>().AddSingleton<PredictionLog>();

        await using var app = builder.Build();
        app.UseRequestMetrics();
        app.UsePredictRoute();
        app.UseRouting(); // here, explicitly: after the predict route's shortcut (the host would put it first)
        app.MapHealthApi();
        app.MapPredictApi();
        app.MapMetricsApi();
        // Which build runs (Containerize's --serving-build): NativeAOT compiled everything ahead of time; JIT compiles as it goes.
        app.Logger.LogInformation("serving {Model} {Version} ({Digest}) on {Urls}; self-test: {SelfTest}; requests handled {Threads}; compiled {Compilation}",
            model.Name, model.Version, model.Digest, options.Urls, model.SelfTestProblem ?? "passed",
            options.InlineIo ? "on the socket threads (TRAINYARD_INLINE_IO)" : $"by the thread pool (the process may use {Environment.ProcessorCount} CPUs)",
            System.Runtime.CompilerServices.RuntimeFeature.IsDynamicCodeCompiled ? "at run time (JIT)" : "ahead of time (NativeAOT)");
        if (options.FaultsInjected)
            app.Logger.LogWarning("fault injection is on, for testing rollouts only: {Rate:P1} of /v1/predict answered 500 (TRAINYARD_FAULT_ERROR_RATE), {Delay} ms added before each answer (TRAINYARD_FAULT_DELAY_MS); unset both in production",
                options.FaultErrorRate, options.FaultDelay.TotalMilliseconds);
        // Run returns once in-flight requests finished (or the shutdown timeout passed); disposing the app then drains the prediction log.
        await app.RunAsync();
        return 0;
    }
}
