using Trainyard.Pipelines;

namespace Trainyard.Tests.Pipelines;

/// <summary>The <c>deploy</c> section: its defaults, every value read, and each mistake at its line and column.</summary>
public class DeploySectionTests
{
    // Five lines, so "deploy:" is line 6 and its first key line 7.
    private const string Head = "name: x\ntask: binary\ndata:\n  path: data/x.csv\n  label: y\n  positive_class: bad\n";

    private static DeploySpec Read(string section) => PipelineSpec.Parse(Head + section, "pipelines/x.yml").Deploy;

    private static string Fails(string section) =>
        Assert.Throws<TrainyardException>(() => PipelineSpec.Parse(Head + section, "pipelines/x.yml")).Message;

    [Fact]
    public void SpecWithoutTheSectionGetsTheDefaults()
    {
        var deploy = PipelineSpec.Parse(Head, "pipelines/x.yml").Deploy;

        Assert.Equal(("docker", 8080, 9080, "host"), (deploy.Provider, deploy.Port, deploy.AdminPort, deploy.Network));
        Assert.Equal([8081, 8082], deploy.ServerPorts);
        Assert.Equal([10, 25, 50, 100], deploy.Steps);
        Assert.Equal((TimeSpan.FromSeconds(30), 200, NoDataPolicy.Fail, 1), (deploy.Interval, deploy.MinRequests, deploy.NoData, deploy.FailureLimit));
        Assert.Equal((TimeSpan.FromMinutes(10), TimeSpan.Zero, TimeSpan.FromSeconds(60)), (deploy.ProgressDeadline, deploy.AbortKeep, deploy.ReadyTimeout));
        Assert.False(deploy.Hold);
        Assert.Empty(deploy.Clients);
        Assert.Null(deploy.Memory);
        Assert.Null(deploy.Cpus);
        Assert.Equal(
            ["success_rate >= 0.99", "p99_latency_ms <= 50", "success_rate >= stable - 0.005", "p99_latency_ms <= stable + 20%",
             "score_psi <= 0.2", "invalid_request_rate <= stable + 0.01"],
            deploy.Checks.Select(c => c.Text));
        Assert.Equal(new DeploySpec(), deploy);
    }

    [Fact]
    public void EmptySectionAndNullValuesMeanDefaults()
    {
        Assert.Equal(new DeploySpec(), Read("deploy:\n"));
        Assert.Equal(new DeploySpec(), Read("deploy:\n  steps: ~\n  interval:\n  checks: ~\n"));
    }

    [Fact]
    public void EveryKeyIsRead()
    {
        var deploy = Read("""
            deploy:
              provider: docker
              port: 18080
              admin_port: 19080
              server_ports: [18081, 18082, 18083]
              steps: [50]
              interval: 1m30s
              min_requests: 50
              no_data: pause
              failure_limit: 2
              progress_deadline: 1h
              checks:
                - error_rate <= 0.02
                - p95_latency_ms <= stable + 10%
              hold: true
              abort_keep: 500ms
              ready_timeout: 2m
              clients: [{name: claims-app}, {name: batch2}]
              network: trainyard_net
              memory: 1G
              cpus: 1.5
            """);

        Assert.Equal(("docker", 18080, 19080), (deploy.Provider, deploy.Port, deploy.AdminPort));
        Assert.Equal([18081, 18082, 18083], deploy.ServerPorts);
        Assert.Equal([50], deploy.Steps);
        Assert.Equal((TimeSpan.FromSeconds(90), 50, NoDataPolicy.Pause, 2), (deploy.Interval, deploy.MinRequests, deploy.NoData, deploy.FailureLimit));
        Assert.Equal((TimeSpan.FromHours(1), TimeSpan.FromMilliseconds(500), TimeSpan.FromMinutes(2)), (deploy.ProgressDeadline, deploy.AbortKeep, deploy.ReadyTimeout));
        Assert.True(deploy.Hold);
        Assert.Equal(
            [
                new GateRule("error_rate", GateOperator.AtMost, 0.02, false, false, "error_rate <= 0.02", new("pipelines/x.yml", 19, 7)),
                new GateRule("p95_latency_ms", GateOperator.AtMost, 0.10, true, true, "p95_latency_ms <= stable + 10%", new("pipelines/x.yml", 20, 7)),
            ],
            deploy.Checks);
        Assert.Equal([new DeployClient("claims-app"), new DeployClient("batch2")], deploy.Clients);
        Assert.Equal(("trainyard_net", "1g", 1.5), (deploy.Network, deploy.Memory, deploy.Cpus));
    }

    [Fact]
    public void EmptyCheckListMeansNoChecks()
    {
        Assert.Empty(Read("deploy:\n  checks: []\n").Checks);
    }

    [Fact]
    public void ClientKeyComesFromASecretNamedAfterTheClient()
    {
        Assert.Equal("TRAINYARD_CLIENT_CLAIMS_APP_KEY", new DeployClient("claims-app").SecretName);
    }

    [Theory]
    [InlineData("deploy:\n  steps: [50, 10]\n",
        "pipelines/x.yml:8:15: steps: [50, 10] must increase (10 follows 50); each step is a larger canary weight, e.g. [10, 25, 50, 100]")]
    [InlineData("deploy:\n  steps: [10, 25, 25, 100]\n",
        "pipelines/x.yml:8:19: steps: [10, 25, 25, 100] must increase (25 follows 25); each step is a larger canary weight, e.g. [10, 25, 50, 100]")]
    [InlineData("deploy:\n  steps: [10, 150]\n",
        "pipelines/x.yml:8:15: each of 'steps' is the canary's share of traffic in percent, from 1 to 100; got 150 in [10, 150]")]
    [InlineData("deploy:\n  steps: [0, 50]\n",
        "pipelines/x.yml:8:11: each of 'steps' is the canary's share of traffic in percent, from 1 to 100; got 0 in [0, 50]")]
    [InlineData("deploy:\n  steps: []\n", "pipelines/x.yml:8:10: 'steps' needs at least one canary weight, e.g. [10, 25, 50, 100]")]
    [InlineData("deploy:\n  steps: [10, half]\n", "pipelines/x.yml:8:15: each item of 'steps' must be a whole number, got 'half'")]
    [InlineData("deploy:\n  steps: 10\n", "pipelines/x.yml:8:10: 'steps' expects a list of whole numbers such as [10, 25, 50, 100], got '10'")]
    public void BadStepsAreReportedAtTheStep(string section, string expected)
    {
        Assert.Equal(expected, Fails(section));
    }

    [Theory]
    [InlineData("deploy:\n  port: 70000\n", "pipelines/x.yml:8:9: 'port' must be at least 1 and at most 65535, got 70000")]
    [InlineData("deploy:\n  admin_port: 0\n", "pipelines/x.yml:8:15: 'admin_port' must be at least 1 and at most 65535, got 0")]
    [InlineData("deploy:\n  server_ports: [8081, 99999]\n", "pipelines/x.yml:8:24: each of 'server_ports' must be a port from 1 to 65535, got 99999")]
    [InlineData("deploy:\n  server_ports: [8081]\n",
        "pipelines/x.yml:8:17: 'server_ports' needs at least two ports, one for the stable server and one for the canary; got 1")]
    [InlineData("deploy:\n  port: 9000\n  admin_port: 9000\n",
        "pipelines/x.yml:9:15: port 9000 is both 'port' and 'admin_port'; the gateway, its admin API and each server need a port of their own")]
    [InlineData("deploy:\n  server_ports: [8080, 8085]\n",
        "pipelines/x.yml:8:17: port 8080 is both 'port' and 'server_ports'; the gateway, its admin API and each server need a port of their own")]
    [InlineData("deploy:\n  server_ports: [8085, 8085]\n",
        "pipelines/x.yml:8:17: 'server_ports' lists port 8085 twice; each server needs a port of its own")]
    public void BadPortsAreReportedAtTheValue(string section, string expected)
    {
        Assert.Equal(expected, Fails(section));
    }

    [Theory]
    [InlineData("deploy:\n  interval: 30\n",
        "pipelines/x.yml:8:13: 'interval' needs a unit: write 30s for seconds or 30m for minutes (a duration such as 500ms, 30s, 10m, 1h or 1m30s), got '30'")]
    [InlineData("deploy:\n  interval: soon\n", "pipelines/x.yml:8:13: 'interval' expects a duration such as 500ms, 30s, 10m, 1h or 1m30s, got 'soon'")]
    [InlineData("deploy:\n  interval: 0s\n", "pipelines/x.yml:8:13: 'interval' must be more than 0, got 0s")]
    [InlineData("deploy:\n  progress_deadline: 0\n", "pipelines/x.yml:8:22: 'progress_deadline' must be more than 0, got 0")]
    [InlineData("deploy:\n  ready_timeout: -5s\n", "pipelines/x.yml:8:18: 'ready_timeout' expects a duration such as 500ms, 30s, 10m, 1h or 1m30s, got '-5s'")]
    [InlineData("deploy:\n  min_requests: 0\n", "pipelines/x.yml:8:17: 'min_requests' must be at least 1, got 0")]
    [InlineData("deploy:\n  failure_limit: 0\n", "pipelines/x.yml:8:18: 'failure_limit' must be at least 1, got 0")]
    [InlineData("deploy:\n  no_data: skip\n", "pipelines/x.yml:8:12: 'no_data' must be one of fail, pause, pass; got 'skip'.")]
    [InlineData("deploy:\n  no_data: paws\n", "pipelines/x.yml:8:12: 'no_data' must be one of fail, pause, pass; got 'paws'. did you mean 'pass'?")]
    [InlineData("deploy:\n  hold: maybe\n", "pipelines/x.yml:8:9: 'hold' expects true or false, got 'maybe'")]
    public void BadTimingAndPolicyAreReportedAtTheValue(string section, string expected)
    {
        Assert.Equal(expected, Fails(section));
    }

    [Theory]
    [InlineData("deploy:\n  provider: kubernetes\n",
        "pipelines/x.yml:8:13: provider 'kubernetes' is designed but not built yet (Argo Rollouts resources from this spec; see DESIGN.md, 'Kubernetes, on paper'); use provider: docker")]
    [InlineData("deploy:\n  provider: nomad\n", "pipelines/x.yml:8:13: 'provider' must be docker (the only one built), got 'nomad'")]
    [InlineData("deploy:\n  network: none\n",
        "pipelines/x.yml:8:12: 'network: none' leaves the gateway unable to reach the servers; use host or a Docker network's name")]
    [InlineData("deploy:\n  network: my net\n",
        "pipelines/x.yml:8:12: 'network' must be host or a Docker network's name (letters, digits, '_', '.', '-'), got 'my net'")]
    [InlineData("deploy:\n  memory: 512\n", "pipelines/x.yml:8:11: 'memory' expects a size such as 512m or 1g (a whole number and k, m or g), got '512'")]
    [InlineData("deploy:\n  memory: 4m\n", "pipelines/x.yml:8:11: 'memory' must be at least 6m (Docker's smallest limit), got '4m'")]
    [InlineData("deploy:\n  cpus: 0\n", "pipelines/x.yml:8:9: 'cpus' must be above 0, got 0")]
    [InlineData("deploy:\n  port_number: 80\n",
        "pipelines/x.yml:8:3: unknown key 'port_number' in 'deploy'; did you mean 'port'? allowed keys here: provider, port, admin_port, server_ports, steps, interval, min_requests, no_data, failure_limit, progress_deadline, checks, hold, abort_keep, ready_timeout, clients, network, memory, cpus, prediction_log")]
    public void BadProviderNetworkAndLimitsAreReportedAtTheValue(string section, string expected)
    {
        Assert.Equal(expected, Fails(section));
    }

    [Theory]
    [InlineData("deploy:\n  clients: [{name: Claims_App}]\n",
        "pipelines/x.yml:8:20: a client's name may hold only lower-case letters, digits and single '-' between them (it names the secret TRAINYARD_CLIENT_<NAME>_KEY), got 'Claims_App'")]
    [InlineData("deploy:\n  clients:\n    - name: app\n    - name: app\n", "pipelines/x.yml:10:13: client 'app' is listed twice; keep one")]
    [InlineData("deploy:\n  clients: [claims-app]\n", "pipelines/x.yml:8:13: each of 'clients' is a mapping such as {name: claims-app}, got 'claims-app'")]
    [InlineData("deploy:\n  clients: [{name: app, key: secret}]\n",
        "pipelines/x.yml:8:25: unknown key 'key' in 'deploy.clients'; allowed keys here: name")]
    public void BadClientsAreReportedAtTheClient(string section, string expected)
    {
        Assert.Equal(expected, Fails(section));
    }

    [Theory]
    [InlineData("deploy:\n  checks:\n    - p99_latncy_ms <= 50\n",
        "pipelines/x.yml:9:7: check 'p99_latncy_ms <= 50': 'p99_latncy_ms' is not a live metric a deploy measures; closest: p99_latency_ms, p95_latency_ms, p50_latency_ms (all: success_rate, error_rate, invalid_request_rate, p50_latency_ms, p95_latency_ms, p99_latency_ms, score_psi)")]
    [InlineData("deploy:\n  checks:\n    - auc >= 0.8\n",
        "pipelines/x.yml:9:7: check 'auc >= 0.8': 'auc' is not a live metric a deploy measures; closest: error_rate, score_psi, success_rate (all: success_rate, error_rate, invalid_request_rate, p50_latency_ms, p95_latency_ms, p99_latency_ms, score_psi)")]
    [InlineData("deploy:\n  checks:\n    - score_psi <= stable + 0.1\n",
        "pipelines/x.yml:9:7: check 'score_psi <= stable + 0.1': score_psi already compares the canary's scores with stable's; give it a number, e.g. score_psi <= 0.2")]
    public void ChecksOnUnknownMetricsOrScorePsiAgainstStableAreReportedAtTheCheck(string section, string expected)
    {
        Assert.Equal(expected, Fails(section));
    }

    [Theory]
    [InlineData("deploy:\n  checks:\n    - success_rate >= baseline - 0.01\n", 9, 7,
        "check 'success_rate >= baseline - 0.01' is not understood: 'baseline' belongs to Evaluate's gates; a deploy check compares with 'stable' (the version serving now)")]
    [InlineData("deploy:\n  checks:\n    - success_rate => 0.99\n", 9, 7,
        "check 'success_rate => 0.99' is not understood: '=>' is not a comparison; did you mean '>='?")]
    [InlineData("deploy:\n  checks:\n    - error_rate <= 1%\n", 9, 7,
        "check 'error_rate <= 1%' is not understood: a percentage is a change against stable; write 'error_rate <= stable + 1%' or '- 1%'")]
    [InlineData("deploy:\n  checks:\n    - success_rate: 0.99\n", 9, 7,
        "each check is one line such as 'success_rate >= 0.99', got a mapping (write 'success_rate >= 0.8', not 'success_rate: 0.8')")]
    public void MalformedCheckNamesStableInTheExpectedForms(string section, int line, int column, string reason)
    {
        Assert.Equal($"pipelines/x.yml:{line}:{column}: {reason}; {GateGrammar.DeployChecks.Forms}", Fails(section));
    }

    [Fact]
    public void CheckFormsNameStableAsTheBaselineWord()
    {
        Assert.Equal("expected '<metric> <op> <number>' or '<metric> <op> stable [+|-] <number>[%]' with <op> one of >=, <=, >, < "
            + "(e.g. success_rate >= 0.99, success_rate >= stable - 0.005, p99_latency_ms <= stable + 20%)", GateGrammar.DeployChecks.Forms);
    }

    [Theory]
    [InlineData("success_rate >= stable - 0.005", "success_rate", GateOperator.AtLeast, -0.005, false)]
    [InlineData("p99_latency_ms <= stable + 20%", "p99_latency_ms", GateOperator.AtMost, 0.20, true)]
    [InlineData("invalid_request_rate <= stable", "invalid_request_rate", GateOperator.AtMost, 0, false)]
    public void ChecksAgainstStableParseIntoGateRulesAgainstTheBaseline(string text, string metric, GateOperator op, double value, bool percent)
    {
        var rule = GateExpression.Parse(text, new SourceLocation("pipelines/x.yml", 9, 7), GateGrammar.DeployChecks);

        Assert.Equal((metric, op, true, percent), (rule.Metric, rule.Operator, rule.AgainstBaseline, rule.Percent));
        Assert.Equal(value, rule.Value, 12);
    }

    [Fact]
    public void GateSaysStableBelongsToDeployChecks()
    {
        var error = Assert.Throws<TrainyardException>(() => GateExpression.Parse("auc >= stable", new SourceLocation("pipelines/x.yml", 3, 7)));

        Assert.Equal($"pipelines/x.yml:3:7: gate 'auc >= stable' is not understood: 'stable' belongs to deploy checks; a gate compares with 'baseline'; {GateExpression.Forms}", error.Message);
    }
}
