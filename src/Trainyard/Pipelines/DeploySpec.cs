namespace Trainyard.Pipelines;

// STUB (lead's branch): the spec helper's DeploySpec replaces this file at merge.
public sealed record DeploySpec
{
    public string Provider { get; init; } = "docker";
    public int Port { get; init; } = 8080;
    public int AdminPort { get; init; } = 9080;
    public IReadOnlyList<int> ServerPorts { get; init; } = [8081, 8082];
    public IReadOnlyList<int> Steps { get; init; } = [10, 25, 50, 100];
    public TimeSpan Interval { get; init; } = TimeSpan.FromSeconds(30);
    public int MinRequests { get; init; } = 200;
    public NoDataPolicy NoData { get; init; } = NoDataPolicy.Fail;
    public int FailureLimit { get; init; } = 1;
    public TimeSpan ProgressDeadline { get; init; } = TimeSpan.FromMinutes(10);
    public IReadOnlyList<GateRule> Checks { get; init; } = [];
    public bool Hold { get; init; }
    public TimeSpan AbortKeep { get; init; } = TimeSpan.Zero;
    public TimeSpan ReadyTimeout { get; init; } = TimeSpan.FromSeconds(60);
    public IReadOnlyList<DeployClient> Clients { get; init; } = [];
    public string Network { get; init; } = "host";
    public string? Memory { get; init; }
    public double? Cpus { get; init; }
}

public enum NoDataPolicy { Fail, Pause, Pass }

public sealed record DeployClient(string Name)
{
    public string SecretName => $"TRAINYARD_CLIENT_{Name.ToUpperInvariant().Replace('-', '_')}_KEY";
}
