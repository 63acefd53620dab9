using System.Text.Json;
using System.Text.Json.Serialization;
using Trainyard.IO;

namespace Trainyard.Registry;

/// <summary>
/// One deploy or rollback of the model, as the deployment history keeps it: what went where, how far the canary got,
/// the verdict, who and why. Written once at the end of each CanaryDeploy or Rollback (and when a hold begins), never
/// rewritten; <see cref="Previous"/> chains the entries as in the alias history.
/// </summary>
internal sealed record DeploymentRecord
{
    public const int CurrentFormatVersion = 1;
    public const string MediaType = "application/vnd.trainyard.deployment.v1+json";

    public int FormatVersion { get; init; } = CurrentFormatVersion;
    /// <summary><c>canary</c> (CanaryDeploy) or <c>rollback</c>.</summary>
    public required string Kind { get; init; }
    /// <summary>The version deployed (or rolled back to).</summary>
    public required string Version { get; init; }
    /// <summary>The version that served before; null on a first deploy.</summary>
    public string? FromVersion { get; init; }
    public required DateTimeOffset StartedAt { get; init; }
    public required DateTimeOffset FinishedAt { get; init; }
    /// <summary>Canary steps whose analysis passed, and how many the spec has.</summary>
    public int StepsPassed { get; init; }
    public int StepsPlanned { get; init; }
    /// <summary><c>promoted</c>, <c>aborted</c>, <c>held</c>, <c>rolled back</c>.</summary>
    public required string Outcome { get; init; }
    /// <summary>Why, in one line: the failing check, "first deploy", "no data, judged nothing", the rollback's reason.</summary>
    public required string Verdict { get; init; }
    public required string Who { get; init; }
    public string? Reason { get; init; }
    public string? Previous { get; init; }

    public TimeSpan Duration => FinishedAt - StartedAt;

    internal static readonly JsonSerializerOptions Options = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        RespectNullableAnnotations = true,
        WriteIndented = true,
        DefaultIgnoreCondition = JsonIgnoreCondition.Never,
    };

    static readonly JsonDocumentKind DocumentKind = new("deployment history entry", "Deployment history entry", CurrentFormatVersion,
        $"expected a Trainyard deployment (a JSON object with format_version {CurrentFormatVersion})",
        "Read this registry with the Trainyard version that wrote it.");

    public byte[] ToJson() => JsonSerializer.SerializeToUtf8Bytes(this, Options);

    public static DeploymentRecord Parse(ReadOnlyMemory<byte> json, string source) =>
        VersionedJson.Deserialize<DeploymentRecord>(System.Text.Encoding.UTF8.GetString(json.Span), source, DocumentKind, Options);

    /// <summary><c>canary v3 (from v2): promoted</c>.</summary>
    public string Summary => $"{Kind} {Version}{(FromVersion is null ? "" : $" (from {FromVersion})")}: {Outcome}";
}

/// <summary>The deployment history, an <see cref="OciLog"/> at the tag <c>deployments</c>; oldest first.</summary>
internal static class DeploymentHistory
{
    public const string ArtifactType = "application/vnd.trainyard.deployment-history.v1";

    static readonly OciLog Log = new(AliasName.DeploymentsTag, ArtifactType, DeploymentRecord.MediaType, "deployment history");

    public static async Task<IReadOnlyList<DeploymentRecord>> ReadAsync(IOciStore store, string repository, CancellationToken cancellationToken) =>
        [.. (await Log.ReadAsync(store, repository, PreviousOf, cancellationToken)).Select(e => DeploymentRecord.Parse(e.Content, e.Descriptor.Digest))];

    /// <summary>Appends <paramref name="record"/>; call it under the store's lock.</summary>
    public static Task AppendAsync(IOciStore store, string repository, DeploymentRecord record, CancellationToken cancellationToken) =>
        Log.AppendAsync(store, repository, PreviousOf, previous => (record with { Previous = previous }).ToJson(), record.Summary, cancellationToken);

    static string? PreviousOf(OciLog.Entry entry, string source) => DeploymentRecord.Parse(entry.Content, source).Previous;
}
