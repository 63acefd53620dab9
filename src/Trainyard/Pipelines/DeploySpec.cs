namespace Trainyard.Pipelines;

/// <summary>
/// How CanaryDeploy takes a model to production (YAML section <c>deploy</c>). Every member has a default, so a spec
/// without the section deploys with these: a gateway on 8080, steps 10→25→50→100, 30 s per step, the six checks.
/// </summary>
internal sealed record DeploySpec
{
    /// <summary>Where containers run: <c>docker</c> (one host). A <c>kubernetes</c> provider is designed, not built.</summary>
    public string Provider { get; init; } = "docker";

    /// <summary>The gateway's public port, the one clients call.</summary>
    public int Port { get; init; } = 8080;

    /// <summary>The gateway's admin API port (loopback).</summary>
    public int AdminPort { get; init; } = 9080;

    /// <summary>Ports the model servers listen on (host network): one for stable, one for the canary.</summary>
    public IReadOnlyList<int> ServerPorts { get; init; } = [8081, 8082];

    /// <summary>The canary's traffic weights in percent, strictly increasing within 1..100.</summary>
    public IReadOnlyList<int> Steps { get; init; } = [10, 25, 50, 100];

    /// <summary>How long each step is measured.</summary>
    public TimeSpan Interval { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>Requests per step and per upstream below which a step has no data.</summary>
    public int MinRequests { get; init; } = 200;

    /// <summary>What a step without enough data does.</summary>
    public NoDataPolicy NoData { get; init; } = NoDataPolicy.Fail;

    /// <summary>Failed steps that abort the deploy.</summary>
    public int FailureLimit { get; init; } = 1;

    /// <summary>The deploy aborts when not promoted by then.</summary>
    public TimeSpan ProgressDeadline { get; init; } = TimeSpan.FromMinutes(10);

    /// <summary>Checks on live metrics, in the gate grammar with <c>stable</c> as the baseline word.</summary>
    public IReadOnlyList<GateRule> Checks { get; init; } = DefaultChecks;

    /// <summary>Keep the canary at the last step's weight (A/B) until CanaryDeploy --promote or --abort.</summary>
    public bool Hold { get; init; }

    /// <summary>How long an aborted canary's container is kept (stopped from traffic) for inspection.</summary>
    public TimeSpan AbortKeep { get; init; } = TimeSpan.Zero;

    /// <summary>How long a new server may take to answer /readyz.</summary>
    public TimeSpan ReadyTimeout { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>Callers with keys; none = the gateway asks for no key.</summary>
    public IReadOnlyList<DeployClient> Clients { get; init; } = [];

    /// <summary>Docker network of the containers: <c>host</c> or a network's name.</summary>
    public string Network { get; init; } = "host";

    /// <summary>Memory limit of each model server container, as Docker writes it (512m, 1g); null = none.</summary>
    public string? Memory { get; init; }

    /// <summary><see cref="Memory"/> in bytes, as the Docker API takes it.</summary>
    public long? MemoryBytes => Memory is { Length: > 1 } m
        ? long.Parse(m[..^1], System.Globalization.CultureInfo.InvariantCulture) * (m[^1] switch { 'k' => 1L << 10, 'm' => 1L << 20, _ => 1L << 30 })
        : null;

    /// <summary>
    /// A folder on the Docker host (absolute, or relative to the repository root) where each server writes its
    /// prediction log, <c>&lt;model&gt;-&lt;version&gt;.jsonl</c> — the audit of who called which version; null = no log.
    /// The image's user (uid 1654) must be able to write there.
    /// </summary>
    public string? PredictionLog { get; init; }

    /// <summary>CPU limit of each model server container (1.5 = one and a half cores); null = none.</summary>
    public double? Cpus { get; init; }

    /// <summary>The six checks, as written in docs/pipeline-spec.md.</summary>
    internal static readonly IReadOnlyList<GateRule> DefaultChecks =
    [
        .. new[]
        {
            "success_rate >= 0.99", "p99_latency_ms <= 50", "success_rate >= stable - 0.005", "p99_latency_ms <= stable + 20%",
            "score_psi <= 0.2", "invalid_request_rate <= stable + 0.01",
        }.Select(text => GateExpression.Parse(text, new SourceLocation("(default deploy.checks)", 0, 0), GateGrammar.DeployChecks) with { Location = null }),
    ];

    public bool Equals(DeploySpec? other) =>
        other is not null && Provider == other.Provider && Port == other.Port && AdminPort == other.AdminPort
        && ServerPorts.SequenceEqual(other.ServerPorts) && Steps.SequenceEqual(other.Steps) && Interval == other.Interval
        && MinRequests == other.MinRequests && NoData == other.NoData && FailureLimit == other.FailureLimit
        && ProgressDeadline == other.ProgressDeadline && Checks.SequenceEqual(other.Checks) && Hold == other.Hold
        && AbortKeep == other.AbortKeep && ReadyTimeout == other.ReadyTimeout && Clients.SequenceEqual(other.Clients)
        && Network == other.Network && Memory == other.Memory && Cpus == other.Cpus && PredictionLog == other.PredictionLog;

    public override int GetHashCode() => HashCode.Combine(Provider, Port, Steps.Count, Interval, MinRequests, Checks.Count);
}

/// <summary>What a step with too little traffic does (YAML <c>fail</c>, <c>pause</c>, <c>pass</c>).</summary>
internal enum NoDataPolicy
{
    /// <summary>Counts as a failed step.</summary>
    Fail,
    /// <summary>Measures again, extending the deadline.</summary>
    Pause,
    /// <summary>Counts as a passed step, and says nothing was judged.</summary>
    Pass,
}

/// <summary>A caller of the deployed model, named in the prediction log and metrics; its key comes from a secret.</summary>
/// <param name="Name">Lower-case letters, digits and '-'.</param>
internal sealed record DeployClient(string Name)
{
    /// <summary>The environment variable (a [Secret] parameter) holding this caller's key.</summary>
    public string SecretName => $"TRAINYARD_CLIENT_{Name.ToUpperInvariant().Replace('-', '_')}_KEY";
}
