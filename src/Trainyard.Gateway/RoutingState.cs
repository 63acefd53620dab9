using System.Text.Json;
using System.Text.Json.Serialization;

namespace Trainyard.Gateway;

/// <summary>One model server the gateway forwards to: its base URL and the model version it serves.</summary>
internal sealed record Upstream(string Url, string Version);

/// <summary>A caller allowed through the gateway: its name, and the SHA-256 of its key (lower-case hex; never the key).</summary>
internal sealed record Client(string Name, [property: JsonPropertyName("key_sha256"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? KeySha256);

/// <summary>
/// The gateway's routing state, as the admin API and the state file carry it (docs/deploy.md): the stable and canary
/// upstreams, the canary's share of requests in percent, the callers allowed (none = anyone), and how many changes
/// made it (set by the gateway).
/// </summary>
internal sealed record RoutingState(Upstream? Stable, Upstream? Canary, int CanaryWeight, IReadOnlyList<Client>? Clients, long Generation)
{
    public static readonly RoutingState Empty = new(null, null, 0, [], 0);

    /// <summary>What the admin API shows: callers' names only, no key hashes.</summary>
    public RoutingState Shown() => this with { Clients = [.. (Clients ?? []).Select(c => c with { KeySha256 = null })] };

    /// <summary>Each invalid field, by its JSON name, with what is wrong; empty when the state can be applied.</summary>
    public IReadOnlyDictionary<string, string[]> Problems()
    {
        var problems = new Dictionary<string, string[]>();
        CheckUpstream("stable", Stable, problems);
        CheckUpstream("canary", Canary, problems);
        if (CanaryWeight is < 0 or > 100)
            problems["canary_weight"] = [$"{CanaryWeight} is outside 0–100 (the canary's percent of requests)"];
        else if (CanaryWeight > 0 && Canary is null)
            problems["canary_weight"] = [$"{CanaryWeight} sends requests to a canary, but canary is null: set canary, or canary_weight 0"];
        var names = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < (Clients?.Count ?? 0); i++)
        {
            var client = Clients![i];
            if (client is null) { problems[$"clients[{i}]"] = ["is null; give {\"name\": …, \"key_sha256\": …}"]; continue; }
            if (string.IsNullOrEmpty(client.Name) || !client.Name.All(c => c is (>= 'a' and <= 'z') or (>= '0' and <= '9') or '-'))
                problems[$"clients[{i}].name"] = [$"'{client.Name}' is not a name of lower-case letters, digits and '-'"];
            else if (!names.Add(client.Name))
                problems[$"clients[{i}].name"] = [$"'{client.Name}' is listed twice"];
            if (client.KeySha256 is not { Length: 64 } hash || !hash.All(c => c is (>= '0' and <= '9') or (>= 'a' and <= 'f')))
                problems[$"clients[{i}].key_sha256"] = ["is not a SHA-256 in lower-case hex (64 characters): the gateway keeps hashes of keys, never keys"];
        }
        return problems;
    }

    static void CheckUpstream(string field, Upstream? upstream, Dictionary<string, string[]> problems)
    {
        if (upstream is null) return;
        if (!Uri.TryCreate(upstream.Url, UriKind.Absolute, out var url) || url.Scheme is not ("http" or "https") || url.Query.Length > 0 || url.Fragment.Length > 0)
            problems[$"{field}.url"] = [$"'{upstream.Url}' is not an absolute http URL like http://127.0.0.1:8081"];
        if (string.IsNullOrWhiteSpace(upstream.Version) || upstream.Version.Any(c => char.IsControl(c) || c is '"' or '\\'))
            problems[$"{field}.version"] = [$"'{upstream.Version}' is not a model version like v3"];
    }
}

/// <summary>Source-generated JSON for the routing state and problems (snake_case; no reflection, so it trims).</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower, UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow, WriteIndented = false)]
[JsonSerializable(typeof(RoutingState))]
[JsonSerializable(typeof(ProblemBody))]
internal sealed partial class GatewayJson : JsonSerializerContext
{
    /// <summary>The state from a PUT body or the state file, or what is wrong with the JSON, naming the field where known.</summary>
    public static (RoutingState? State, string? Field, string? Problem) Parse(ReadOnlySpan<byte> json)
    {
        try
        {
            return JsonSerializer.Deserialize(json, Default.RoutingState) is { } state
                ? (state, null, null)
                : (null, "$", "the body is null; send a routing state object");
        }
        catch (JsonException error)
        {
            var field = error.Path is { Length: > 2 } path ? path.TrimStart('$', '.') : "$";
            var message = error.Message.Split(" Path:", 2)[0];
            return (null, field, $"{message} (line {error.LineNumber + 1}, byte {error.BytePositionInLine + 1})");
        }
    }
}

/// <summary>An RFC 7807 problem: <c>errors</c> maps each offending field to what is wrong with it.</summary>
internal sealed record ProblemBody(
    string Title,
    int Status,
    string Detail,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] IReadOnlyDictionary<string, string[]>? Errors = null)
{
    public string Type => "about:blank";
}
