using System.Text.RegularExpressions;
using YamlDotNet.RepresentationModel;

namespace Trainyard.Pipelines;

/// <summary>Turns a pipeline spec file into a <see cref="PipelineSpec"/>, checking every key and value on the way.</summary>
internal static partial class PipelineSpecReader
{
    private const string What = "pipeline spec";
    private static readonly IReadOnlyList<string> TopLevelKeys = ["version", "name", "description", "task", "data", "schema", "validation", "drift", "split", "training", "evaluation", "gates", "deploy", "monitor"];
    private static readonly IReadOnlyList<string> DataKeys = ["path", "delimiter", "label", "positive_class", "id", "window", "time"];

    public static PipelineSpec Read(string path) => Build(YamlFile.Read(path, What), path);

    public static PipelineSpec Parse(string yaml, string path) => Build(YamlFile.Parse(yaml, path, What), path);

    private static PipelineSpec Build(YamlNode? root, string path)
    {
        // The version is checked before the keys: a newer file's new sections should say "upgrade", not "unknown key".
        var version = root is null ? PipelineSpec.CurrentVersion : ReadVersion(root, path);
        var top = root is null ? YamlSection.Empty(path) : YamlSection.Of(root, path, null, TopLevelKeys);

        var name = top.RequiredText("name", "the pipeline's name, e.g. name: credit-risk");
        if (!NamePattern().IsMatch(name))
            throw top.Error("name", $"'name' may hold only letters, digits, '.', '_' and '-' (it names files), got '{name}'");
        var task = top.OptionalChoice<PipelineTask>("task") ?? throw top.Missing("task", "one of binary, multiclass, regression");
        var data = top.Section("data", DataKeys) ?? throw top.Missing("data", "the data section with at least 'path' and 'label'");

        return new PipelineSpec
        {
            Version = version,
            Name = name,
            Description = top.Text("description"),
            Task = task,
            Data = ReadData(data, task),
            Schema = top.Text("schema") ?? $"pipelines/{name}.schema.yml",
            Validation = top.Section("validation", ValidationReader.Keys) is { } validation ? ValidationReader.Read(validation) : new(),
            Drift = top.Section("drift", DriftReader.Keys) is { } drift ? DriftReader.Read(drift) : new(),
            Split = top.Section("split", SplitReader.Keys) is { } split ? SplitReader.Read(split) : new(),
            Training = top.Section("training", TrainingReader.Keys) is { } training ? TrainingReader.Read(training) : new(),
            Evaluation = top.Section("evaluation", EvaluationReader.Keys) is { } evaluation ? EvaluationReader.Read(evaluation, task) : new(),
            Gates = top.Section("gates", GatesReader.Keys) is { } gates ? GatesReader.Read(gates) : new(),
            Deploy = top.Section("deploy", DeployReader.Keys) is { } deploy ? DeployReader.Read(deploy) : new(),
            Monitor = top.Section("monitor", MonitorReader.Keys) is { } monitor ? MonitorReader.Read(monitor) : new(),
            SourcePath = path,
        };
    }

    private static int ReadVersion(YamlNode root, string path)
    {
        var top = YamlSection.Of(root, path, null, TopLevelKeys, ignoreUnknownKeys: true);
        var version = top.WholeNumber("version", PipelineSpec.CurrentVersion);
        if (version > PipelineSpec.CurrentVersion)
            throw top.Error("version", $"this file is spec version {version}, newer than this Trainyard reads (version {PipelineSpec.CurrentVersion}); upgrade Trainyard");
        if (version < 1)
            throw top.Error("version", $"'version' must be {PipelineSpec.CurrentVersion} or more, got {version}");
        return version;
    }

    private static DataSpec ReadData(YamlSection data, PipelineTask task)
    {
        var dataPath = data.RequiredText("path", "the CSV file, relative to the repository root, e.g. path: data/credit_data.csv");
        if (WildcardFolder(dataPath)) throw data.Error("path", $"'path': wildcards are allowed in the file name only (data/churn/*.csv), not in folders, got '{dataPath}'");
        var label = data.RequiredText("label", "the column to predict");
        var delimiter = data.Text("delimiter") ?? ",";
        if (delimiter.Length != 1 || delimiter is "\"" or "\n" or "\r")
            throw data.Error("delimiter", $"'delimiter' must be a single character other than a quote or line break, got '{delimiter}'");

        var positiveClass = data.Text("positive_class");
        if (task == PipelineTask.Binary && positiveClass is null)
            throw data.Missing("positive_class", "a binary task needs the label value that counts as positive, e.g. positive_class: bad");
        if (task != PipelineTask.Binary && positiveClass is not null)
            throw data.Error("positive_class", $"'positive_class' applies to binary tasks only; this task is {YamlValues.Word(task)}");

        TimeSpan? window = data.Has("window") ? data.Positive("window", data.Duration("window", TimeSpan.Zero)) : null;
        var time = data.Text("time");
        if (window is not null && time is null)
            throw data.Error("window", "'window' needs 'time' beside it: the datetime column the window is measured on, e.g. time: signup_date");
        if (window is null && time is not null)
            throw data.Error("time", "'time' names the column data.window is measured on; add a window (e.g. window: 90d) or remove 'time'");

        return new DataSpec
        {
            Path = dataPath,
            Delimiter = delimiter[0],
            Label = label,
            PositiveClass = positiveClass,
            Id = data.Text("id"),
            Window = window,
            Time = time,
            TimeLocation = time is null ? null : data.LocationOf("time"),
        };
    }

    /// <summary>A pattern's folders must exist as written: <c>data/*/x.csv</c> is not read (Data.Files.DataFiles matches file names only).</summary>
    private static bool WildcardFolder(string path)
    {
        var normalized = path.Replace('\\', '/');
        var slash = normalized.LastIndexOf('/');
        return slash >= 0 && normalized[..slash].IndexOfAny(['*', '?']) >= 0;
    }

    [GeneratedRegex("^[A-Za-z0-9][A-Za-z0-9._-]*$")]
    private static partial Regex NamePattern();
}
