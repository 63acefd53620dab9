using System.Globalization;
using System.Text.Json;
using Trainyard.Containers;
using Trainyard.Docker;
using Trainyard.Packaging;
using Trainyard.Pipelines;
using Trainyard.Runtime.Packaging;
using Trainyard.Targets;
using Trainyard.Tests.Components;
using Trainyard.Tests.Docker;
using Trainyard.Tests.Pipelines;
using Trainyard.Tests.Registry.Distribution;
using Trainyard.Tests.Serving;

namespace Trainyard.Tests.Containers;

/// <summary>
/// The credit-risk sample after one real Containerize on the test engine — trained, packaged, the server published,
/// the image built from the local test base image, smoke-tested, tagged and pushed to a docker-registry on loopback —
/// built once, on first use, and shared by the Containerize tests (building is the slow part). Also the test split as
/// requests with the probabilities Evaluate wrote for each row.
/// </summary>
public sealed class ContainerizedSample : IAsyncLifetime
{
    readonly SemaphoreSlim _once = new(1, 1);
    RegistryServer? _registry;
    bool _built;

    internal SampleRepository Repository { get; } = new();

    /// <summary>
    /// This checkout's server, passed as <c>--serving-project</c>: the sample repository has no src/Trainyard.Serving,
    /// and without it Containerize would take the Trainyard.Serving package, which no feed here serves.
    /// </summary>
    public static string ServingProject => RepositoryRoot.File("src/Trainyard.Serving");

    public RegistryServer Registry => _registry ?? throw new InvalidOperationException("the registry did not start");

    /// <summary><c>127.0.0.1:PORT/ml/credit-risk</c>: a registry host, so Containerize pushes.</summary>
    public string ImageRepository => $"{Registry.Url.Authority}/ml/credit-risk";

    public string Layout => Path.Combine(Repository.Root, ".trainyard/registry/credit-risk");
    public string BaseImage { get; private set; } = "";
    public string BuildOutput { get; private set; } = "";
    public TimeSpan BuildTime { get; private set; }
    internal TestSplit Split { get; private set; } = new([], []);
    public IReadOnlyList<JsonElement> TestRows => Split.Rows;

    public async Task InitializeAsync() => _registry = await RegistryServer.StartAsync();

    readonly Dictionary<ServingBuild, string> _otherBuilds = [];

    /// <summary>
    /// The image of the credit-risk sample's v1 with the server compiled as <paramref name="build"/> says: for the
    /// default build, the one Containerize built first (<see cref="ImageRepository"/>, pushed); for another, a second
    /// Containerize of the same version with <c>--serving-build</c>, run on first use into a local repository (not pushed).
    /// </summary>
    internal async Task<string> ImageAsync(DockerEngine engine, ServingBuild build)
    {
        await EnsureBuiltAsync(engine);
        if (build == ContainerizeSettings.DefaultServingBuild) return $"{ImageRepository}:v1";
        await _once.WaitAsync();
        try
        {
            if (_otherBuilds.TryGetValue(build, out var built)) return built;
            var name = build.ToString().ToLowerInvariant();
            var repository = $"trainyard-test/credit-risk-{name}";
            // --skip: Package and what it depends on ran for the first image.
            var result = await Repository.RunAsync("Containerize", "--image", repository, "--base-image", BaseImage, "--docker-host", engine.Host.Address,
                "--serving-project", ServingProject, "--serving-build", name, "--skip");
            if (result.ExitCode != 0) throw new InvalidOperationException($"Containerize --serving-build {name} failed on the sample:\n{Repository.Output}");
            return _otherBuilds[build] = $"{repository}:v1";
        }
        finally { _once.Release(); }
    }

    /// <summary>Runs Containerize the first time it is called; later calls return at once.</summary>
    internal async Task EnsureBuiltAsync(DockerEngine engine)
    {
        await _once.WaitAsync();
        try
        {
            if (_built) return;
            BaseImage = await TestBaseImage.EnsureAsync(engine, CancellationToken.None);
            var started = System.Diagnostics.Stopwatch.StartNew();
            var result = await Repository.RunAsync("Containerize", "--image", ImageRepository, "--base-image", BaseImage, "--docker-host", engine.Host.Address,
                "--serving-project", ServingProject);
            BuildTime = started.Elapsed;
            BuildOutput = Repository.Output;
            if (result.ExitCode != 0) throw new InvalidOperationException($"Containerize failed on the sample:\n{BuildOutput}");
            Split = await TestSplit.ReadAsync(Repository, Layout);
            _built = true;
        }
        finally { _once.Release(); }
    }

    internal Task<BuildResult> RunAsync(params string[] args) => Repository.RunAsync(args);

    public async Task DisposeAsync()
    {
        Repository.Dispose();
        if (_registry is not null) await _registry.DisposeAsync();
        _once.Dispose();
    }
}
