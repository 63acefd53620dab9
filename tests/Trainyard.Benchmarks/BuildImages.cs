using System.Diagnostics;
using System.Net;
using Spectre.Console;
using Trainyard.Containers;
using Trainyard.Docker;

namespace Trainyard.Benchmarks;

/// <summary>
/// One server build (<see cref="ServingBuild"/>) as Containerize makes it: published with Containerize's own code
/// (<see cref="ServingPublish"/>, cached in <c>$TMPDIR/trainyard-bench/builds/&lt;build&gt;</c> by its stamp), the model
/// exported beside it, and the image built from the generated Dockerfile on the given base.
/// </summary>
internal sealed record BuildImage(ServingBuild Build, string Folder, string ImageId, long ImageBytes, long AppBytes)
{
    /// <summary>The published server, run outside a container by the throughput runs.</summary>
    public string Executable => Path.Combine(Folder, "app", ServingPublish.Executable);

    public string Name => ServingPublish.Name(Build);

    public static async Task<BuildImage> MakeAsync(ServingBuild build, DockerEngine engine, string baseImage, string repository, string layout, string reference,
        CancellationToken ct)
    {
        var folder = Path.Combine(Path.GetTempPath(), "trainyard-bench", "builds", ServingPublish.Name(build));
        var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(Console.Out) });
        var source = ServingSource.FromProject(Path.Combine(repository, "src/Trainyard.Serving/Trainyard.Serving.csproj"));
        await ServingPublish.PublishAsync(source, "linux-x64", build, folder, path => path, console, ct);

        var model = Path.Combine(folder, "model");
        if (Directory.Exists(model)) Directory.Delete(model, recursive: true);
        var package = await Runtime.Packaging.ModelPackage.LoadAsync(layout, reference, ct);
        await package.ExportAsync(model, reference, ct);
        var digest = (await Runtime.Packaging.OciImageLayout.OpenAsync(model, ct)).Resolve(reference).Digest;
        var image = $"trainyard-bench/credit-risk-{ServingPublish.Name(build)}:{reference}";
        await File.WriteAllTextAsync(Path.Combine(folder, "Dockerfile"), Dockerfile.Render(new DockerfileInputs(baseImage, build, "credit-risk", reference, digest, image,
            new Dictionary<string, string> { ["dev.trainyard.benchmark.build"] = ServingPublish.Name(build) })), ct);
        var id = await engine.BuildImageAsync(new ImageBuild([image]),
            (stream, token) => ImageContext.WriteAsync(folder, ["Dockerfile", "app", "model"], stream, token), _ => { }, ct);
        var size = (await engine.InspectImageAsync(id, ct))?.Size ?? 0;
        return new BuildImage(build, folder, id, size, ServingPublish.FolderSize(Path.Combine(folder, "app")));
    }

    /// <summary>
    /// A container from the image, created first (not timed), then timed from the engine's start call to the first
    /// 200 from /readyz, polled every millisecond or so: what an orchestrator waits before routing to a new replica.
    /// Run as ServingContainer runs production-like containers: host network, read-only root, /tmp on tmpfs.
    /// </summary>
    /// <returns>The whole time, and the part until the engine's start call returned.</returns>
    public async Task<(TimeSpan Ready, TimeSpan Started)> StartToReadyAsync(DockerEngine engine, CancellationToken ct)
    {
        var port = ServedPair.FreePort();
        var id = await engine.CreateContainerAsync(new ContainerSpec(ImageId)
        {
            Env = [$"ASPNETCORE_URLS=http://127.0.0.1:{port}"],
            NetworkMode = "host",
            ReadOnlyRootFilesystem = true,
            Tmpfs = new Dictionary<string, string> { ["/tmp"] = "rw,size=16m" },
        }, ct);
        try
        {
            var clock = Stopwatch.StartNew();
            await engine.StartContainerAsync(id, ct);
            var started = clock.Elapsed;
            return (await UntilReadyAsync(port, clock, ct), started);
        }
        finally { await engine.RemoveContainerAsync(id, force: true, CancellationToken.None); }
    }

    /// <summary>
    /// The engine's own share: a container from the same image that runs <c>--help</c> (prints, loads nothing, exits),
    /// from the start call to the engine reporting its exit.
    /// </summary>
    public async Task<TimeSpan> StartToExitOfHelpAsync(DockerEngine engine, CancellationToken ct)
    {
        var id = await engine.CreateContainerAsync(new ContainerSpec(ImageId) { Cmd = ["--help"], ReadOnlyRootFilesystem = true }, ct);
        try
        {
            var clock = Stopwatch.StartNew();
            await engine.StartContainerAsync(id, ct);
            var exit = await engine.WaitContainerAsync(id, ct);
            if (exit != 0) throw new InvalidOperationException($"{ImageId} --help exited with {exit}");
            return clock.Elapsed;
        }
        finally { await engine.RemoveContainerAsync(id, force: true, CancellationToken.None); }
    }

    /// <summary>The same without a container: the published server started as a process, to /readyz 200.</summary>
    public async Task<TimeSpan> ProcessStartToReadyAsync(string layout, string reference, CancellationToken ct)
    {
        var port = ServedPair.FreePort();
        var clock = Stopwatch.StartNew();
        using var process = ServedPair.Start(new Placement(null, 0), Executable, [], Environment(layout, reference, port), capture: true);
        try { return await UntilReadyAsync(port, clock, ct); }
        finally
        {
            process.Kill();
            await process.WaitForExitAsync(CancellationToken.None);
        }
    }

    /// <summary>The environment the image sets, with the model from the host's folder and a loopback port.</summary>
    public static Dictionary<string, string> Environment(string layout, string reference, int port) => new()
    {
        ["TRAINYARD_MODEL_PATH"] = layout, ["TRAINYARD_MODEL_REFERENCE"] = reference,
        ["TRAINYARD_URLS"] = $"http://127.0.0.1:{port}", ["DOTNET_gcServer"] = "0",
    };

    static async Task<TimeSpan> UntilReadyAsync(int port, Stopwatch clock, CancellationToken ct)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        var url = $"http://127.0.0.1:{port}/readyz";
        while (clock.Elapsed < TimeSpan.FromSeconds(60))
        {
            try
            {
                using var response = await http.GetAsync(url, ct);
                if (response.StatusCode == HttpStatusCode.OK) return clock.Elapsed;
                throw new InvalidOperationException($"{url} answered {(int)response.StatusCode}");
            }
            catch (HttpRequestException) { }
            await Task.Delay(1, ct);
        }
        throw new InvalidOperationException($"{url} did not answer 200 within 60 s");
    }
}
