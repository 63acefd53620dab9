using Trainyard.IO;
using Trainyard.Pipelines;
using YamlDotNet.RepresentationModel;

namespace Trainyard.Data;

/// <summary>
/// The schema file (<c>pipelines/&lt;name&gt;.schema.yml</c>): written by InferSchema for a person to review and commit,
/// read by ValidateData. Reading reports problems with file:line:column like the pipeline spec does.
/// </summary>
internal static class SchemaFile
{
    private const string What = "schema file";
    private static readonly IReadOnlyList<string> TopLevelKeys = ["label", "id", "columns"];
    private static readonly IReadOnlyList<string> ColumnKeys = ["name", "type", "required", "min", "max", "categories", "max_null_rate", "mostly"];

    public static DatasetSchema Load(string path) => Build(YamlFile.Read(path, What), path);

    public static DatasetSchema Parse(string yaml, string path) => Build(YamlFile.Parse(yaml, path, What), path);

    /// <summary>Writes the schema atomically; <paramref name="header"/> lines become comments at the top.</summary>
    public static Task SaveAsync(string path, DatasetSchema schema, string header, CancellationToken cancellationToken = default) =>
        AtomicFile.WriteAllTextAsync(path, SchemaFileWriter.Format(schema, header), cancellationToken);

    private static DatasetSchema Build(YamlNode? root, string path)
    {
        var top = root is null ? YamlSection.Empty(path) : YamlSection.Of(root, path, null, TopLevelKeys);
        if (top.Node("columns") is not { } columnsNode)
            throw top.Missing("columns", "the list of expected columns, each with at least 'name' and 'type'");
        if (columnsNode is not YamlSequenceNode list)
            throw top.Error("columns", $"'columns' expects a list of columns (lines starting with '- name:'), got {YamlSection.Kind(columnsNode)}");

        var columns = new List<ColumnSchema>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var index = 0; index < list.Children.Count; index++) // not Select((item, index) => …): generic code over a tuple, JIT-compiled at every start
        {
            var section = YamlSection.Of(list.Children[index], path, $"columns item {index + 1}", ColumnKeys);
            var column = ReadColumn(section);
            if (!seen.Add(column.Name))
                throw section.Error("name", $"column '{column.Name}' is listed twice; keep one entry per column");
            columns.Add(column);
        }

        var schema = new DatasetSchema { Columns = columns.AsReadOnly(), Label = top.Text("label"), Id = top.Text("id") };
        foreach (var key in new[] { "label", "id" })
            if (top.Text(key) is { } name && schema.Find(name) is null)
                throw top.Error(key, $"'{key}' names column '{name}', which is not in 'columns'. {Quote.DidYouMean(name, seen)}".TrimEnd());
        return schema;
    }

    private static ColumnSchema ReadColumn(YamlSection section)
    {
        var name = section.RequiredText("name", "the column's name as in the CSV header");
        var type = section.OptionalChoice<ColumnType>("type") ?? throw section.Missing("type", "one of numeric, categorical, boolean, datetime, text");
        var min = section.OptionalNumber("min");
        var max = section.OptionalNumber("max");
        var categories = section.TextList("categories");

        foreach (var key in new[] { "min", "max" })
            if (section.Has(key) && type != ColumnType.Numeric)
                throw section.Error(key, $"'{key}' applies to numeric columns only; '{name}' is {YamlValues.Word(type)}");
        if (min > max)
            throw section.Error("min", $"'min' ({YamlValues.Format(min.Value)}) is above 'max' ({YamlValues.Format(max!.Value)}) for column '{name}'");
        if (categories is not null && type is not (ColumnType.Categorical or ColumnType.Boolean))
            throw section.Error("categories", $"'categories' applies to categorical and boolean columns only; '{name}' is {YamlValues.Word(type)}");

        return new ColumnSchema
        {
            Name = name,
            Type = type,
            Required = section.Flag("required", true),
            Min = min,
            Max = max,
            Categories = categories,
            MaxNullRate = section.InRange("max_null_rate", section.Number("max_null_rate", 0), 0, 1),
            Mostly = section.InRange("mostly", section.Number("mostly", 1), 0, 1),
        };
    }
}
