using System.Globalization;
using System.Text.RegularExpressions;
using Trainyard.Targets;
using YamlDotNet.RepresentationModel;

namespace Trainyard.Pipelines;

/// <summary>Reads the <c>deploy</c> section: ports, steps, timing, the no-data policy, checks on live metrics and callers.</summary>
internal static partial class DeployReader
{
    public static readonly IReadOnlyList<string> Keys =
    [
        "provider", "port", "admin_port", "server_ports", "steps", "interval", "min_requests", "no_data", "failure_limit",
        "progress_deadline", "checks", "hold", "abort_keep", "ready_timeout", "clients", "network", "memory", "cpus",
        "prediction_log",
    ];

    /// <summary>The metrics a deploy measures on each upstream in a step's window; checks may name only these.</summary>
    public static readonly IReadOnlyList<string> LiveMetrics =
        ["success_rate", "error_rate", "invalid_request_rate", "p50_latency_ms", "p95_latency_ms", "p99_latency_ms", "score_psi"];

    /// <summary>Compares the canary's scores with stable's: a number on its own, never against stable.</summary>
    public const string ScorePsi = "score_psi";

    public static DeploySpec Read(YamlSection section)
    {
        var defaults = new DeploySpec();
        var spec = new DeploySpec
        {
            Provider = ReadProvider(section, defaults.Provider),
            Port = Port(section, "port", defaults.Port),
            AdminPort = Port(section, "admin_port", defaults.AdminPort),
            ServerPorts = ReadServerPorts(section) ?? defaults.ServerPorts,
            Steps = ReadSteps(section) ?? defaults.Steps,
            Interval = section.Positive("interval", section.Duration("interval", defaults.Interval)),
            MinRequests = (int)section.InRange("min_requests", section.WholeNumber("min_requests", defaults.MinRequests), 1),
            NoData = section.Choice("no_data", defaults.NoData),
            FailureLimit = (int)section.InRange("failure_limit", section.WholeNumber("failure_limit", defaults.FailureLimit), 1),
            ProgressDeadline = section.Positive("progress_deadline", section.Duration("progress_deadline", defaults.ProgressDeadline)),
            Checks = ReadChecks(section) ?? defaults.Checks,
            Hold = section.Flag("hold", defaults.Hold),
            AbortKeep = section.Positive("abort_keep", section.Duration("abort_keep", defaults.AbortKeep), zeroAllowed: true),
            ReadyTimeout = section.Positive("ready_timeout", section.Duration("ready_timeout", defaults.ReadyTimeout)),
            Clients = DeployClientsReader.Read(section),
            Network = ReadNetwork(section, defaults.Network),
            Memory = ReadMemory(section),
            Cpus = section.OptionalNumber("cpus") is { } cpus ? section.InRange("cpus", cpus, 0, lowInclusive: false) : null,
            PredictionLog = section.Text("prediction_log"),
        };
        CheckPortsDiffer(section, spec);
        return spec;
    }

    private static string ReadProvider(YamlSection section, string fallback) => section.Text("provider") switch
    {
        null => fallback,
        "docker" => "docker",
        "kubernetes" => throw section.Error("provider",
            "provider 'kubernetes' is designed but not built yet (Argo Rollouts resources from this spec; see DESIGN.md, "
            + "'Kubernetes, on paper'); use provider: docker"),
        var other => throw section.Error("provider", $"'provider' must be docker (the only one built), got '{other}'"),
    };

    private static int Port(YamlSection section, string key, int fallback) =>
        (int)section.InRange(key, section.WholeNumber(key, fallback), 1, 65535);

    private static IReadOnlyList<int>? ReadServerPorts(YamlSection section)
    {
        if (WholeNumbers(section, "server_ports") is not { } ports) return null;
        if (ports.Count < 2)
            throw section.Error("server_ports", $"'server_ports' needs at least two ports, one for the stable server and one for the canary; got {ports.Count}");
        foreach (var (port, node) in ports)
            if (port is < 1 or > 65535)
                throw new TrainyardException($"each of 'server_ports' must be a port from 1 to 65535, got {port}", YamlSection.LocationOf(section.File, node));
        return [.. ports.Select(p => p.Value)];
    }

    private static IReadOnlyList<int>? ReadSteps(YamlSection section)
    {
        if (WholeNumbers(section, "steps") is not { } steps) return null;
        if (steps.Count == 0)
            throw section.Error("steps", "'steps' needs at least one canary weight, e.g. [10, 25, 50, 100]");
        var written = $"[{string.Join(", ", steps.Select(s => s.Value))}]";
        for (var i = 0; i < steps.Count; i++)
        {
            var (weight, node) = steps[i];
            var at = YamlSection.LocationOf(section.File, node);
            if (weight is < 1 or > 100)
                throw new TrainyardException($"each of 'steps' is the canary's share of traffic in percent, from 1 to 100; got {weight} in {written}", at);
            if (i > 0 && weight <= steps[i - 1].Value)
                throw new TrainyardException(
                    $"steps: {written} must increase ({weight} follows {steps[i - 1].Value}); each step is a larger canary weight, e.g. [10, 25, 50, 100]", at);
        }
        return [.. steps.Select(s => s.Value)];
    }

    private static List<(int Value, YamlNode Node)>? WholeNumbers(YamlSection section, string key) => section.Node(key) switch
    {
        null => null,
        YamlSequenceNode list => [.. list.Children.Select(item =>
            item is YamlScalarNode { Value: { } text } && int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value)
                ? (value, (YamlNode)item)
                : throw new TrainyardException($"each item of '{key}' must be a whole number, got {YamlSection.Kind(item)}",
                    YamlSection.LocationOf(section.File, item)))],
        var other => throw section.Error(key, $"'{key}' expects a list of whole numbers such as [10, 25, 50, 100], got {YamlSection.Kind(other)}"),
    };

    private static void CheckPortsDiffer(YamlSection section, DeploySpec spec)
    {
        var seen = new Dictionary<int, string>();
        foreach (var (key, port) in new[] { ("port", spec.Port), ("admin_port", spec.AdminPort) }.Concat(spec.ServerPorts.Select(p => ("server_ports", p))))
        {
            if (seen.TryGetValue(port, out var first))
                throw section.Error(key, first == key
                    ? $"'{key}' lists port {port} twice; each server needs a port of its own"
                    : $"port {port} is both '{first}' and '{key}'; the gateway, its admin API and each server need a port of their own");
            seen[port] = key;
        }
    }

    private static IReadOnlyList<GateRule>? ReadChecks(YamlSection section)
    {
        var checks = GatesReader.ReadList(section, "checks", GateGrammar.DeployChecks, "success_rate >= 0.99");
        foreach (var check in checks ?? [])
        {
            if (!LiveMetrics.Contains(check.Metric))
                throw new TrainyardException(
                    $"check '{check.Text.Trim()}': '{check.Metric}' is not a live metric a deploy measures; closest: "
                    + $"{string.Join(", ", ClosestName.Nearest(check.Metric, LiveMetrics))} (all: {string.Join(", ", LiveMetrics)})",
                    check.Location);
            if (check.Metric == ScorePsi && check.AgainstBaseline)
                throw new TrainyardException(
                    $"check '{check.Text.Trim()}': score_psi already compares the canary's scores with stable's; "
                    + "give it a number, e.g. score_psi <= 0.2", check.Location);
        }
        return checks;
    }

    private static string ReadNetwork(YamlSection section, string fallback) => section.Text("network") switch
    {
        null => fallback,
        "none" => throw section.Error("network", "'network: none' leaves the gateway unable to reach the servers; use host or a Docker network's name"),
        var name when NetworkPattern().IsMatch(name) => name,
        var other => throw section.Error("network", $"'network' must be host or a Docker network's name (letters, digits, '_', '.', '-'), got '{other}'"),
    };

    private static string? ReadMemory(YamlSection section)
    {
        if (section.Text("memory") is not { } text) return null;
        var match = MemoryPattern().Match(text);
        if (!match.Success)
            throw section.Error("memory", $"'memory' expects a size such as 512m or 1g (a whole number and k, m or g), got '{text}'");
        var megabytes = long.Parse(match.Groups["amount"].Value, CultureInfo.InvariantCulture) * char.ToLowerInvariant(match.Groups["unit"].Value[0]) switch
        {
            'k' => 1.0 / 1024, 'm' => 1, _ => 1024,
        };
        // Docker refuses a memory limit below 6 MB when the container starts; say so now.
        if (megabytes < 6)
            throw section.Error("memory", $"'memory' must be at least 6m (Docker's smallest limit), got '{text}'");
        return text.ToLowerInvariant();
    }

    [GeneratedRegex("^[A-Za-z0-9][A-Za-z0-9_.-]*$")]
    private static partial Regex NetworkPattern();

    [GeneratedRegex("^(?<amount>[0-9]{1,9})(?<unit>[kmgKMG])$")]
    private static partial Regex MemoryPattern();
}
