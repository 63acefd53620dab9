using System.Globalization;
using Trainyard.Pipelines;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace Trainyard.Data;

/// <summary>
/// Formats a <see cref="DatasetSchema"/> as the reviewable YAML that <see cref="SchemaFile"/> reads back: one block per
/// column, categories on one line, defaults left out where they add nothing (required: true).
/// </summary>
internal static class SchemaFileWriter
{
    public static string Format(DatasetSchema schema, string header)
    {
        var text = new StringWriter(CultureInfo.InvariantCulture) { NewLine = "\n" };
        foreach (var line in header.ReplaceLineEndings("\n").TrimEnd('\n').Split('\n'))
            text.WriteLine(line.StartsWith('#') ? line : $"# {line}".TrimEnd());

        var emitter = new Emitter(text, new EmitterSettings().WithIndentedSequences());
        emitter.Emit(new StreamStart());
        emitter.Emit(new DocumentStart());
        emitter.Emit(new MappingStart());
        Pair(emitter, "label", schema.Label);
        Pair(emitter, "id", schema.Id);
        emitter.Emit(new Scalar("columns"));
        emitter.Emit(new SequenceStart(null, null, true, SequenceStyle.Block));
        foreach (var column in schema.Columns)
            Column(emitter, column);
        emitter.Emit(new SequenceEnd());
        emitter.Emit(new MappingEnd());
        emitter.Emit(new DocumentEnd(isImplicit: true));
        emitter.Emit(new StreamEnd());
        return text.ToString();
    }

    private static void Column(IEmitter emitter, ColumnSchema column)
    {
        emitter.Emit(new MappingStart());
        Pair(emitter, "name", column.Name);
        Pair(emitter, "type", YamlValues.Word(column.Type), asWritten: true);
        if (!column.Required) Pair(emitter, "required", "false", asWritten: true);
        if (column.Min is { } min) Pair(emitter, "min", Number(min), asWritten: true);
        if (column.Max is { } max) Pair(emitter, "max", Number(max), asWritten: true);
        if (column.Categories is { } categories)
        {
            emitter.Emit(new Scalar("categories"));
            emitter.Emit(new SequenceStart(null, null, true, SequenceStyle.Flow));
            foreach (var category in categories)
                emitter.Emit(Text(category));
            emitter.Emit(new SequenceEnd());
        }
        Pair(emitter, "max_null_rate", Number(column.MaxNullRate), asWritten: true);
        Pair(emitter, "mostly", Number(column.Mostly), asWritten: true);
        emitter.Emit(new MappingEnd());
    }

    /// <param name="asWritten">The value is a number, word or flag Trainyard wrote itself, so it needs no quoting.</param>
    private static void Pair(IEmitter emitter, string key, string? value, bool asWritten = false)
    {
        emitter.Emit(new Scalar(key));
        emitter.Emit(value is null ? new Scalar("~") : asWritten ? new Scalar(value) : Text(value));
    }

    // A user's value that YAML tools would read as null, a flag or a number is quoted, so it reads back as the same text.
    private static Scalar Text(string value)
    {
        var ambiguous = value.Length == 0 || value is "~" || value.ToLowerInvariant() is "null" or "true" or "false" or "yes" or "no" or "on" or "off"
            || double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out _);
        return new Scalar(null, null, value, ambiguous ? ScalarStyle.SingleQuoted : ScalarStyle.Any, !ambiguous, ambiguous);
    }

    private static string Number(double value) => value.ToString("R", CultureInfo.InvariantCulture);
}
