using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using Trainyard.Deploy;
using Trainyard.Docker;
using Trainyard.Pipelines;
using Trainyard.Registry;
using Trainyard.Targets;
using Trainyard.Tests.Components;
using Trainyard.Tests.Containers;
using Trainyard.Tests.Docker;
using Trainyard.Tests.Pipelines;
using Trainyard.Tests.Serving;

namespace Trainyard.Tests.Deploy;

/// <summary>The versions the deploy tests deploy, each a real retrain of the credit-risk sample.</summary>
public enum Candidate
{
    /// <summary>v1: the sample as it is (split seed 42).</summary>
    Baseline,
    /// <summary>A good candidate: the same data on another random split (seed 7) — close to v1, as a retrain is.</summary>
    Retrained,
    /// <summary>A bad one: 40% of the labels flipped before training, so its scores shift toward the base rate.</summary>
    Shifted,
}

/// <summary>
/// The credit-risk sample with a <c>deploy:</c> section on free loopback ports, its versions containerized on the
/// private engine, and a way to put a known state in place (<see cref="ResetAsync"/>: v1 alone behind the gateway)
/// before each deploy test. Building a version is the slow part (Train, Evaluate, Package, Containerize), so the
/// last one built is kept and only a different candidate builds again; and one sample serves the whole Docker
/// collection (the deploy and the retrain tests), so v1 and the server's publish are built once per run.
/// </summary>
public sealed class DeploySample : IAsyncDisposable, IAsyncLifetime
{
    readonly SemaphoreSlim _once = new(1, 1);
    readonly Dictionary<Candidate, string> _versions = [];
    Candidate? _built;

    internal SampleRepository Repository { get; } = new();
    public int GatewayPort { get; } = FreePort();
    public int AdminPort { get; } = FreePort();
    public int[] ServerPorts { get; } = [FreePort(), FreePort()];
    public string Token { get; } = Convert.ToHexString(Guid.NewGuid().ToByteArray());
    public string Model => "credit-risk";
    public Uri Gateway => new($"http://127.0.0.1:{GatewayPort}");
    public string BaseImage { get; private set; } = "";
    public IReadOnlyList<JsonElement> Rows { get; private set; } = [];
    string _spec = "";

    public Task InitializeAsync() => Task.CompletedTask;

    /// <summary>
    /// The deploy section every test starts from: short windows (2 s, 40 requests; score_psi's bound is set for samples this small: CanaryDeploys.Load) so a deploy takes seconds, and
    /// checks that a healthy retrain passes on a busy 2-core machine (latency against an absolute bound, not against
    /// stable's p99, which is noise at this size); tests change it with <see cref="WriteDeploy"/>.
    /// </summary>
    public string DeploySection(string extra = "") => $"""

        deploy:
          port: {GatewayPort}
          admin_port: {AdminPort}
          server_ports: [{ServerPorts[0]}, {ServerPorts[1]}]
          steps: [25, 50, 100]
          interval: 2s
          min_requests: 40
          progress_deadline: 3m
          failure_limit: 2    # a cold canary's first window on a loaded CI machine may miss the latency bound once; a bad one fails twice
          ready_timeout: 30s
          checks:
            - success_rate >= 0.99
            - success_rate >= stable - 0.005
            - p99_latency_ms <= 250
            - score_psi <= 0.35
            - invalid_request_rate <= stable + 0.01
        {extra}
        """;

    /// <summary>Writes the spec with this deploy section (replacing the last one).</summary>
    public void WriteDeploy(string section) => Repository.Write("pipelines/credit-risk.yml", _spec + section);

    /// <summary>Changes the spec outside its deploy section (kept for later <see cref="WriteDeploy"/>s too).</summary>
    public void ChangeSpec(Func<string, string> change)
    {
        _spec = change(_spec);
        Repository.Write("pipelines/credit-risk.yml", change(Repository.Read("pipelines/credit-risk.yml")));
    }

    /// <summary>Another model was trained in the artifacts folder (a retrain): the next <see cref="BuildAsync"/> builds again.</summary>
    internal void Forget() => _built = null;

    /// <summary>Builds v1 and reads the test rows, once.</summary>
    internal async Task EnsureAsync(PrivateDockerEngine docker)
    {
        await _once.WaitAsync();
        try
        {
            if (BaseImage.Length > 0) return;
            BaseImage = await TestBaseImage.EnsureAsync(docker.Engine, CancellationToken.None);
            Repository.Environment["TRAINYARD_GATEWAY_TOKEN"] = Token;
            Repository.Environment["GITHUB_ACTOR"] = "deploy-tests";
            _spec = WithoutDeploySection(Repository.Read("pipelines/credit-risk.yml"));
            WriteDeploy(DeploySection());
            await BuildAsync(docker, Candidate.Baseline);
            Rows = (await TestSplit.ReadAsync(Repository, Path.Combine(Repository.Root, ".trainyard/registry/credit-risk"))).Rows;
        }
        finally { _once.Release(); }
    }

    /// <summary>
    /// The shifted candidate would fail the sample's release gates (its AUC drops), and Package publishes only what
    /// passed them: for it the gates are relaxed to one it passes, so a bad model reaches the canary — which is what
    /// canary analysis is there to catch.
    /// </summary>
    static string WithGates(string spec, Candidate candidate)
    {
        const string relaxed = "    - auc >= 0.5               # the shifted candidate (deploy tests)\n";
        var rules = spec.IndexOf("  rules:\n", StringComparison.Ordinal) + "  rules:\n".Length;
        var end = rules;
        while (end < spec.Length && spec.AsSpan(end).StartsWith("    ")) end = spec.IndexOf('\n', end) + 1;
        var original = spec[rules..end];
        if (candidate == Candidate.Shifted) return original == relaxed ? spec : spec[..rules] + relaxed + spec[end..];
        return original == relaxed ? spec[..rules] + SampleGates + spec[end..] : spec;
    }

    static readonly string SampleGates = GatesOf(File.ReadAllText(RepositoryRoot.File("pipelines/credit-risk.yml")));

    static string GatesOf(string spec)
    {
        var rules = spec.IndexOf("  rules:\n", StringComparison.Ordinal) + "  rules:\n".Length;
        var end = rules;
        while (end < spec.Length && spec.AsSpan(end).StartsWith("    ")) end = spec.IndexOf('\n', end) + 1;
        return spec[rules..end];
    }

    /// <summary>The spec without the sample's own deploy section (its defaults, on ports a test machine may use).</summary>
    static string WithoutDeploySection(string spec)
    {
        var lines = spec.Split('\n').ToList();
        var start = lines.FindIndex(l => l.StartsWith("deploy:", StringComparison.Ordinal));
        if (start < 0) return spec;
        var end = lines.FindIndex(start + 1, l => l.Length > 0 && char.IsAsciiLetterLower(l[0]));
        lines.RemoveRange(start, (end < 0 ? lines.Count : end) - start);
        return string.Join('\n', lines);
    }

    /// <summary>Makes <paramref name="candidate"/> the version in the artifacts folder (what CanaryDeploy deploys); returns its tag.</summary>
    internal async Task<string> BuildAsync(PrivateDockerEngine docker, Candidate candidate)
    {
        if (_built == candidate) return _versions[candidate];
        var spec = Repository.Read("pipelines/credit-risk.yml");
        var seed = candidate == Candidate.Retrained ? "seed: 7" : "seed: 42";
        _spec = WithGates(_spec.Replace("seed: 42", seed).Replace("seed: 7", seed), candidate);
        Repository.Write("pipelines/credit-risk.yml", WithGates(spec.Replace("seed: 42", seed).Replace("seed: 7", seed), candidate));
        var data = RepositoryRoot.File("data/credit_data.csv");
        Repository.WriteLines("data/credit_data.csv", candidate == Candidate.Shifted ? FlipLabels(File.ReadAllLines(data)) : File.ReadAllLines(data));
        var result = await Repository.RunAsync("Containerize", "--base-image", BaseImage, "--docker-host", docker.Engine.Host.Address,
            "--serving-project", ContainerizedSample.ServingProject);
        if (result.ExitCode != 0) throw new InvalidOperationException($"Containerize of {candidate} failed:\n{Repository.Output}");
        var pipeline = PipelineSpec.Load(Path.Combine(Repository.Root, "pipelines/credit-risk.yml"));
        var key = await Trainyard.Packaging.PackageInputs.ContentKeyAsync(pipeline, Repository.Root, "artifacts/credit-risk", CancellationToken.None);
        // Package reuses the version that holds the same model, so a candidate built again keeps its tag.
        _versions[candidate] = await WithRegistryAsync(async registry =>
            (await Trainyard.Containers.ContainerizeRun.FindVersionAsync(registry, key, CancellationToken.None)).Tag);
        _built = candidate;
        return _versions[candidate];
    }

    /// <summary>Every row whose line number is 0 or 1 modulo 5 gets the other label (40%, spread over the file).</summary>
    static IEnumerable<string> FlipLabels(string[] lines)
    {
        var header = lines[0].Split(',');
        var status = Array.IndexOf(header, "\"Status\"");
        yield return lines[0];
        for (var i = 1; i < lines.Length; i++)
        {
            var fields = lines[i].Split(',');
            if (fields.Length <= status) { yield return lines[i]; continue; }
            if (i % 5 < 2) fields[status] = fields[status] switch { "\"good\"" => "\"bad\"", "\"bad\"" => "\"good\"", var other => other };
            yield return string.Join(',', fields);
        }
    }

    /// <summary>
    /// Nothing of the model on the engine but its gateway routing all traffic to <paramref name="stable"/>, and the
    /// alias production on it: the state a deploy test starts from, put in place through the product's own provider.
    /// </summary>
    internal async Task ResetAsync(PrivateDockerEngine docker, Candidate stable = Candidate.Baseline)
    {
        foreach (var container in await docker.Engine.ListContainersAsync($"{DeployLabels.Model}={Model}", all: true, CancellationToken.None))
            if (container.Labels.GetValueOrDefault(DeployLabels.Role) == "server")
                await docker.Engine.RemoveContainerAsync(container.Id, force: true, CancellationToken.None);
        var version = _versions[stable];
        var spec = PipelineSpec.Load(Path.Combine(Repository.Root, "pipelines/credit-risk.yml")).Deploy;
        using var provider = new DockerProvider(docker.Engine, Model, spec, Token, [],
            ct => Trainyard.Containers.GatewayImage.EnsureAsync(docker.Engine, BaseImage, Trainyard.Containers.ContainerizeSettings.DefaultServingBuild, RepositoryRoot.Path, Path.Combine(Repository.Root, "artifacts/gateway"), Spectre.Console.AnsiConsole.Create(new Spectre.Console.AnsiConsoleSettings { Out = new Spectre.Console.AnsiConsoleOutput(TextWriter.Null) }), ct));
        await provider.EnsureGatewayAsync(CancellationToken.None);
        var image = await WithRegistryAsync(async registry =>
            (await registry.ReadImagesAsync((await registry.FindAsync(version, CancellationToken.None))!, CancellationToken.None))[^1].Reference);
        var server = await provider.StartAsync(version, image, CancellationToken.None);
        await provider.RouteAsync(GatewayRoutes.AllTo(server), CancellationToken.None);
        await WithRegistryAsync(registry => registry.MoveAliasAsync(AliasName.Production, version, "test reset", "deploy-tests", CancellationToken.None));
    }

    /// <summary>The routing state as the gateway holds it now.</summary>
    internal async Task<GatewayRoutes> RoutesAsync()
    {
        using var admin = new GatewayAdmin(new Uri($"http://127.0.0.1:{AdminPort}"), Token);
        return await admin.ReadAsync(CancellationToken.None);
    }

    /// <summary>Runs CanaryDeploy on the version built last, without rebuilding it (<c>--skip</c>: Containerize ran).</summary>
    internal Task<BuildResult> DeployAsync(PrivateDockerEngine docker, params string[] more) =>
        Repository.RunAsync(["CanaryDeploy", "--skip", "--docker-host", docker.Engine.Host.Address, "--base-image", BaseImage, .. more]);

    internal Task<BuildResult> RunAsync(PrivateDockerEngine docker, params string[] args) =>
        Repository.RunAsync([.. args, "--docker-host", docker.Engine.Host.Address]);

    internal async Task<T> WithRegistryAsync<T>(Func<ModelRegistry, Task<T>> use)
    {
        var store = RegistryStore.Open(".trainyard/registry", Repository.Root, new Trainyard.Registry.RegistryCredentials(null, null, null));
        try { return await use(new ModelRegistry(store, Model)); }
        finally { (store as IDisposable)?.Dispose(); }
    }

    /// <summary>
    /// Tags an image derived from <paramref name="version"/>'s with more environment (the server's fault flags) as
    /// that version's image, so CanaryDeploy deploys it; disposing puts the real image back on the tag.
    /// </summary>
    internal async Task<IAsyncDisposable> WithFaultAsync(PrivateDockerEngine docker, string version, string environment)
    {
        var reference = await WithRegistryAsync(async registry =>
            (await registry.ReadImagesAsync((await registry.FindAsync(version, CancellationToken.None))!, CancellationToken.None))[^1].Reference);
        var original = (await docker.Engine.InspectImageAsync(reference, CancellationToken.None))!.Id;
        await docker.Engine.BuildImageAsync(new ImageBuild([reference]), async (stream, token) =>
        {
            await using var tar = new TarContext(stream);
            await tar.AddFileAsync("Dockerfile", Encoding.UTF8.GetBytes($"FROM {original}\nENV {environment}\n"), ct: token);
        }, _ => { }, CancellationToken.None);
        var colon = reference.LastIndexOf(':');
        return new Restore(() => docker.Engine.TagImageAsync(original, reference[..colon], reference[(colon + 1)..], CancellationToken.None));
    }

    sealed class Restore(Func<Task> restore) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync() => await restore();
    }

    static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public async Task DisposeAsync() => await ((IAsyncDisposable)this).DisposeAsync();

    async ValueTask IAsyncDisposable.DisposeAsync()
    {
        Repository.Dispose();
        _once.Dispose();
        await Task.CompletedTask;
    }
}
