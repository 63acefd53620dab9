using System.Text.Json;

namespace Trainyard.Gateway;

/// <summary>
/// The live routing state. Each request reads the current <see cref="Route"/> once and keeps it to its end, and a
/// change swaps in a new one: so a change drains by construction — requests in flight finish on the upstream they
/// started on, new ones go by the new state, and no connection is cut. Changes are serialized and, with a state file,
/// written there (temp + rename) before they take effect, so a restarted gateway routes as it did.
/// </summary>
internal sealed class RoutingTable
{
    readonly SemaphoreSlim _change = new(1, 1);
    readonly string? _stateFile;
    readonly Random _random;
    volatile Route _current;

    public RoutingTable(RoutingState initial, int? seed, string? stateFile)
    {
        _current = new Route(initial);
        _random = seed is { } value ? new Random(value) : new Random();
        _stateFile = stateFile;
    }

    public Route Current => _current;

    /// <summary>Applies a checked state (clients null = unchanged) and returns it with its generation.</summary>
    public async Task<RoutingState> ChangeAsync(RoutingState requested, CancellationToken cancellationToken)
    {
        // One change at a time, so two changes reach the file in the order they take effect.
        await _change.WaitAsync(cancellationToken);
        try
        {
            var previous = _current.State;
            var next = requested with { Clients = requested.Clients ?? previous.Clients, Generation = previous.Generation + 1 };
            if (_stateFile is not null) await WriteAsync(_stateFile, next, cancellationToken);
            _current = new Route(next);
            return next;
        }
        finally { _change.Release(); }
    }

    /// <summary>The state saved by a previous run, or <see cref="RoutingState.Empty"/> when the file does not exist yet.</summary>
    public static (RoutingState? State, string? Problem) Load(string? stateFile)
    {
        if (stateFile is null || !File.Exists(stateFile)) return (RoutingState.Empty, null);
        var (state, field, problem) = GatewayJson.Parse(File.ReadAllBytes(stateFile));
        if (state is null) return (null, $"TRAINYARD_GATEWAY_STATE_FILE={stateFile}: {field}: {problem}; fix or delete the file");
        if (state.Problems() is { Count: > 0 } problems)
            return (null, $"TRAINYARD_GATEWAY_STATE_FILE={stateFile}: " + string.Join("; ", problems.Select(p => $"{p.Key}: {p.Value[0]}")) + "; fix or delete the file");
        return (state with { Clients = state.Clients ?? [] }, null);
    }

    static async Task WriteAsync(string path, RoutingState state, CancellationToken cancellationToken)
    {
        var temporary = $"{path}.{Environment.ProcessId}.tmp";
        await File.WriteAllBytesAsync(temporary, JsonSerializer.SerializeToUtf8Bytes(state, GatewayJson.Default.RoutingState), cancellationToken);
        File.Move(temporary, path, overwrite: true);
    }

    /// <summary>Canary with probability canary_weight/100, from the seeded generator; no draw at 0 or 100.</summary>
    public bool DrawCanary(int weight)
    {
        if (weight <= 0) return false;
        if (weight >= 100) return true;
        lock (_random) return _random.Next(100) < weight;
    }
}

/// <summary>One routing state, prepared for forwarding: the upstreams' addresses and the callers' key hashes as bytes.</summary>
internal sealed class Route
{
    public Route(RoutingState state)
    {
        State = state;
        Callers = [.. (state.Clients ?? []).Select(c => (c.Name, Convert.FromHexString(c.KeySha256!)))];
        StableTarget = state.Stable is { } stable ? PredictTarget.For(stable) : null;
        CanaryTarget = state.Canary is { } canary ? PredictTarget.For(canary) : null;
    }

    public RoutingState State { get; }
    public IReadOnlyList<(string Name, byte[] KeySha256)> Callers { get; }
    /// <summary>Where <see cref="PredictForwarder"/> sends predictions (null: that upstream is HTTPS, or none).</summary>
    public PredictTarget? StableTarget { get; }
    public PredictTarget? CanaryTarget { get; }
}
