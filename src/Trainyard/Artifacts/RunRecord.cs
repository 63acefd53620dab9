using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using Trainyard.IO;

namespace Trainyard.Artifacts;

/// <summary>
/// artifacts/&lt;pipeline&gt;/run.json: what a Train run did, enough to audit the model and to rebuild it — the
/// parameters, the data's and each split's content hashes, the commit, versions and timings. Its shape is
/// documented in the README ("run.json").
/// </summary>
internal sealed record RunRecord
{
    public const int CurrentFormatVersion = 1;

    public int FormatVersion { get; init; } = CurrentFormatVersion;
    public required string Pipeline { get; init; }
    public required string SpecSha256 { get; init; }
    public required DateTimeOffset StartedAt { get; init; }
    public required DateTimeOffset FinishedAt { get; init; }
    public required RunData Data { get; init; }
    public required RunParameters Parameters { get; init; }
    public required RunModel Model { get; init; }
    public required SourceRevision Source { get; init; }
    public required IReadOnlyDictionary<string, string> Versions { get; init; }
    public required IReadOnlyDictionary<string, double> TimingsSeconds { get; init; }

    /// <summary>
    /// Why the run started: <c>push</c>, <c>schedule</c>, <c>manual</c>, or what Monitor found (<c>drift(Income, Age)</c>,
    /// <c>quality(auc)</c>). Null in a run.json written before lineage recorded it.
    /// </summary>
    public string? Trigger { get; init; }

    /// <summary>The sha256 (<c>sha256:…</c>) of the monitor.json that triggered the run, when Monitor did.</summary>
    public string? TriggerReport { get; init; }

    static readonly JsonSerializerOptions Options = new()
    {
        WriteIndented = true,
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseLower) },
    };

    public Task WriteAsync(string path, CancellationToken cancellationToken) =>
        AtomicFile.WriteAllTextAsync(path, JsonSerializer.Serialize(this, Options) + "\n", cancellationToken);

    static readonly JsonDocumentKind Kind = new("run record", "Run record", CurrentFormatVersion,
        $"expected a Trainyard run record (JSON object with format_version {CurrentFormatVersion})", "Run Train again with this Trainyard version.");

    public static Task<RunRecord> ReadAsync(string path, CancellationToken cancellationToken) =>
        File.Exists(path) ? VersionedJson.ReadAsync<RunRecord>(path, Kind, Options, cancellationToken)
            : throw new TrainyardException($"{path} not found: run Train first (./build.sh Train)");
}

/// <summary>
/// The data a model saw: the file's hash (for several files, the hash of their sha256sum listing) and, per split part,
/// its rows and the hash of its feature matrix and labels.
/// </summary>
internal sealed record RunData(string Path, string Sha256, int Rows, int MissingLabelRows, IReadOnlyDictionary<string, SplitFingerprint> Splits)
{
    /// <summary>The files read, in order, when data.path names a folder or a pattern; null for one file.</summary>
    public IReadOnlyList<string>? Files { get; init; }

    /// <summary>The rows read when the spec has a data.window; null without one.</summary>
    public RunWindow? Window { get; init; }
}

/// <summary>data.window as it fell on this data: rows whose <paramref name="Column"/> is after <paramref name="After"/> and at or before <paramref name="Until"/> (the newest time in the data).</summary>
internal sealed record RunWindow(string Column, DateTimeOffset After, DateTimeOffset Until);

internal sealed record SplitFingerprint(int Rows, string Sha256);

internal sealed record RunParameters(
    string Trainer, int Rounds, int EarlyStoppingRounds, int Threads, int Seed,
    string SplitMethod, double TestShare, double ValidationShare, IReadOnlyDictionary<string, string> TrainerParameters);

internal sealed record RunModel(
    int Features, int BestIteration, int RoundsTrained, string? Metric, double? BestValidationScore,
    double DecisionThreshold, string ThresholdSource, IReadOnlyList<RunFeatureGain> Gain);

internal sealed record RunFeatureGain(string Feature, double Gain, double TotalGain);

/// <summary>
/// The commit the model was built from, and whether the working tree had uncommitted changes: a model trained from
/// a dirty tree cannot be rebuilt from its commit alone, so lineage records it. Null fields when git is not there
/// (a source tarball, a container without git): lineage says "unknown" rather than failing the build.
/// </summary>
internal sealed record SourceRevision(string? Commit, bool? Dirty);
