using System.Text.Json;
using System.Text.Json.Serialization;
using Trainyard.IO;

namespace Trainyard.Registry;

/// <summary>
/// One entry of the alias history: who pointed which alias from which version to which, when, why, and whether the
/// version had passed its release gates. Stored as a blob of its own and never rewritten; <see cref="Previous"/>
/// names the entry before it by digest, so the entries form a hash chain that shows any edit.
/// </summary>
internal sealed record AliasMove
{
    public const int CurrentFormatVersion = 1;
    public const string MediaType = "application/vnd.trainyard.alias-move.v1+json";

    public int FormatVersion { get; init; } = CurrentFormatVersion;
    public required string Alias { get; init; }

    /// <summary>The version the alias points at after the move (<c>v7</c>).</summary>
    public required string Version { get; init; }

    /// <summary>The manifest digest of <see cref="Version"/>.</summary>
    public required string To { get; init; }

    /// <summary>The version and digest the alias pointed at before; null when the alias is new.</summary>
    public string? FromVersion { get; init; }
    public string? From { get; init; }

    public required DateTimeOffset At { get; init; }
    public required string Who { get; init; }
    public required string Reason { get; init; }

    /// <summary>The version's release-gate verdict from its metrics: <c>passed</c>, <c>failed</c> or <c>not checked</c>.</summary>
    public required string Gates { get; init; }

    /// <summary>What moved it: <c>promote</c> (by hand, Promote), <c>deploy</c> (CanaryDeploy's promotion) or <c>rollback</c>; null in entries written before deploys existed (= promote).</summary>
    public string? Kind { get; init; }

    /// <summary>The canary analysis's verdict when a deploy or rollback moved it, e.g. "promoted: 4 of 4 steps passed".</summary>
    public string? Verdict { get; init; }

    /// <summary>The digest of the entry before this one; null for the first.</summary>
    public string? Previous { get; init; }

    static readonly JsonSerializerOptions Options = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        RespectNullableAnnotations = true,
        RespectRequiredConstructorParameters = true,
        WriteIndented = true,
        DefaultIgnoreCondition = JsonIgnoreCondition.Never,
    };

    static readonly JsonDocumentKind DocumentKind = new("alias history entry", "Alias history entry", CurrentFormatVersion,
        $"expected a Trainyard alias move (a JSON object with format_version {CurrentFormatVersion})",
        "Read this registry with the Trainyard version that wrote it.");

    public byte[] ToJson() => JsonSerializer.SerializeToUtf8Bytes(this, Options);

    /// <param name="source">Where the bytes came from, for the error: the registry, the model and the entry's digest.</param>
    public static AliasMove Parse(ReadOnlyMemory<byte> json, string source) =>
        VersionedJson.Deserialize<AliasMove>(System.Text.Encoding.UTF8.GetString(json.Span), source, DocumentKind, Options);

    /// <summary><c>production: v6 → v7</c>.</summary>
    public string Summary => $"{Alias}: {FromVersion ?? "(none)"} → {Version}";
}
