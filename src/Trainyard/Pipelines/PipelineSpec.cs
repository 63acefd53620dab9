using System.Text.Json;
using System.Text.Json.Serialization;

namespace Trainyard.Pipelines;

/// <summary>
/// One model pipeline as declared in <c>pipelines/&lt;name&gt;.yml</c>. Paths inside it are relative to the
/// repository root (where build.sh runs), whichever folder the spec file itself sits in.
/// Every section but <c>name</c>, <c>task</c> and <c>data</c> is optional, so a file written before a section
/// existed keeps loading with that section's defaults.
/// </summary>
public sealed record PipelineSpec
{
    /// <summary>The newest spec format this Trainyard reads.</summary>
    public const int CurrentVersion = 1;

    private readonly string? schema;

    /// <summary>Format version of the file (key <c>version</c>, default 1).</summary>
    public int Version { get; init; } = CurrentVersion;

    /// <summary>Pipeline name: letters, digits, '.', '_' and '-'; it names the schema, profile and model files.</summary>
    public required string Name { get; init; }

    public string? Description { get; init; }

    public required PipelineTask Task { get; init; }

    public required DataSpec Data { get; init; }

    /// <summary>Path of the schema file (key <c>schema</c>); default <c>pipelines/&lt;name&gt;.schema.yml</c>.</summary>
    public string Schema
    {
        get => schema ?? $"pipelines/{Name}.schema.yml";
        init => schema = value;
    }

    public ValidationSpec Validation { get; init; } = new();

    public DriftSpec Drift { get; init; } = new();

    public SplitSpec Split { get; init; } = new();

    public TrainingSpec Training { get; init; } = new();

    public EvaluationSpec Evaluation { get; init; } = new();

    public GatesSpec Gates { get; init; } = new();

    /// <summary>How CanaryDeploy takes the model to production (section <c>deploy</c>); its defaults when absent.</summary>
    internal DeploySpec Deploy { get; init; } = new();

    /// <summary>How Monitor judges production (section <c>monitor</c>); its defaults when absent.</summary>
    internal MonitorSpec Monitor { get; init; } = new();

    /// <summary>The file this spec was read from, as given to <see cref="Load"/>; messages name it.</summary>
    public string SourcePath { get; init; } = "";

    /// <summary>
    /// The values of the sections a target reads (<c>s => new { s.Data, s.Training }</c>) as canonical text, for the
    /// target's fingerprint: a new value runs it again; comments, formatting and other sections do not.
    /// </summary>
    internal string FingerprintOf(Func<PipelineSpec, object> sections) => JsonSerializer.Serialize(sections(this), FingerprintJson);

    private static readonly JsonSerializerOptions FingerprintJson = new() { Converters = { new JsonStringEnumConverter() } };

    /// <summary>Reads and checks a spec file; any problem is a <see cref="TrainyardException"/> naming file:line:column.</summary>
    public static PipelineSpec Load(string path) => PipelineSpecReader.Read(path);

    /// <summary>Reads spec text; <paramref name="path"/> is how messages name the file.</summary>
    public static PipelineSpec Parse(string yaml, string path) => PipelineSpecReader.Parse(yaml, path);
}

/// <summary>What the model predicts (YAML <c>binary</c>, <c>multiclass</c>, <c>regression</c>).</summary>
public enum PipelineTask
{
    /// <summary>Two classes; the spec names the positive one.</summary>
    Binary,
    /// <summary>Three or more classes.</summary>
    Multiclass,
    /// <summary>A number.</summary>
    Regression,
}

/// <summary>Where the training data is and which columns play which role (YAML section <c>data</c>).</summary>
public sealed record DataSpec
{
    /// <summary>
    /// CSV file, relative to the repository root; or a folder (its <c>*.csv</c> files) or a pattern with wildcards in
    /// the file name (<c>data/churn/*.csv</c>): several files read in ordinal name order as one table, each with the same header.
    /// </summary>
    public required string Path { get; init; }

    public char Delimiter { get; init; } = ',';

    /// <summary>The column to predict.</summary>
    public required string Label { get; init; }

    /// <summary>The label value that counts as positive; required for binary tasks, not allowed otherwise.</summary>
    public string? PositiveClass { get; init; }

    /// <summary>A row id column: kept out of the features, checked for uniqueness.</summary>
    public string? Id { get; init; }

    /// <summary>
    /// Only the recent rows (key <c>window</c>, e.g. <c>90d</c>): rows whose <see cref="Time"/> lies in the window that ends
    /// at the newest time in the data (not at "now", so a run can be repeated); null reads every row.
    /// </summary>
    public TimeSpan? Window { get; init; }

    /// <summary>The datetime column <see cref="Window"/> is measured on (key <c>time</c>); required with a window.</summary>
    public string? Time { get; init; }

    /// <summary>Where <c>data.time</c> is written, so a column that is not in the data names file:line:col.</summary>
    [JsonIgnore]
    internal SourceLocation? TimeLocation { get; init; }
}
