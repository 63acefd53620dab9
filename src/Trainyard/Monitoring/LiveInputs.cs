using System.Buffers;
using System.Text;
using System.Text.Json;
using Trainyard.Artifacts.Monitoring;
using Trainyard.Data;
using Trainyard.Data.Drift;
using Trainyard.Data.Profiling;
using Trainyard.Data.Validation;
using Trainyard.Pipelines;

namespace Trainyard.Monitoring;

/// <summary>
/// The live inputs of one version, profiled as they stream past by ValidateData's own column profiler (bounded
/// sketches and counts, one per feature), then compared with the training profile by ValidateData's own drift check
/// (<see cref="DriftCheck"/>: the spec's <c>drift:</c> methods, thresholds, correction and minimum sample). One
/// implementation, so ValidateData, Monitor and the server's live gauges report the same numbers for the same rows.
/// </summary>
internal sealed class LiveInputs
{
    readonly (string Name, ColumnAccumulator Accumulator)[] _columns;
    readonly byte[][] _names;
    readonly Field[] _fields; // this row's value of each column, reused row after row
    readonly ArrayBufferWriter<byte> _escaped = new(256); // this row's strings that held an escape, unescaped
    long _rows;

    public LiveInputs(VersionReference reference)
    {
        // Columns the training profile knows with a type drift can compare; the accumulator is told the type, as
        // ValidateData's is by the schema, so a live value of the wrong type counts as missing rather than changing it.
        _columns = reference.Profile is not { } profile ? []
            : [.. reference.Features
                .Select(name => profile.Find(name))
                .OfType<ColumnProfile>()
                .Where(c => c.Type is ColumnType.Numeric or ColumnType.Categorical or ColumnType.Boolean)
                .Select(c => (c.Name, new ColumnAccumulator(c.Name, new ColumnSchema { Name = c.Name, Type = c.Type, Required = false }, ProfileOptions.Default)))];
        _names = [.. _columns.Select(c => Encoding.UTF8.GetBytes(c.Name))];
        _fields = new Field[_columns.Length];
    }

    /// <summary>Adds one row as a client sent it: the row's UTF-8 JSON (an object; anything else is a row of missing values).</summary>
    public void Add(ReadOnlySpan<byte> row)
    {
        _rows++;
        var fields = _fields;
        Array.Clear(fields);
        _escaped.Clear();
        var reader = new Utf8JsonReader(row);
        if (reader.Read() && reader.TokenType == JsonTokenType.StartObject)
        {
            var next = 0; // clients send the same field order every time: try the column after the last one found first
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                var column = ColumnOf(ref reader, next);
                reader.Read();
                if (column < 0)
                {
                    reader.Skip();
                    continue;
                }
                next = column + 1;
                // A repeated name's last value counts, as JsonElement.TryGetProperty finds it.
                fields[column] = reader.TokenType switch
                {
                    JsonTokenType.Number => new Field(FieldKind.Raw, (int)reader.TokenStartIndex, reader.ValueSpan.Length),
                    JsonTokenType.String when !reader.ValueIsEscaped => new Field(FieldKind.Raw, (int)reader.TokenStartIndex + 1, reader.ValueSpan.Length),
                    JsonTokenType.String => Unescaped(ref reader),
                    JsonTokenType.True => new Field(FieldKind.True, 0, 0),
                    JsonTokenType.False => new Field(FieldKind.False, 0, 0),
                    _ => default, // null, an object or array: missing, as an empty CSV field
                };
                if (reader.TokenType is JsonTokenType.StartObject or JsonTokenType.StartArray) reader.Skip();
            }
        }
        for (var c = 0; c < _columns.Length; c++)
        {
            var field = fields[c];
            _columns[c].Accumulator.Add(field.Kind switch
            {
                FieldKind.Raw => row.Slice(field.Start, field.Length),
                FieldKind.Unescaped => _escaped.WrittenSpan.Slice(field.Start, field.Length),
                FieldKind.True => "true"u8,
                FieldKind.False => "false"u8,
                _ => [],
            }, _rows + 1);
        }
    }

    /// <summary>Adds one row held by a parsed document (the UTF-8 the document holds for it): for callers that have one.</summary>
    public void Add(JsonElement row) => Add(System.Runtime.InteropServices.JsonMarshal.GetRawUtf8Value(row));

    int ColumnOf(ref Utf8JsonReader reader, int guess)
    {
        if (guess < _names.Length && reader.ValueTextEquals(_names[guess])) return guess;
        for (var c = 0; c < _names.Length; c++)
            if (c != guess && reader.ValueTextEquals(_names[c])) return c;
        return -1;
    }

    Field Unescaped(ref Utf8JsonReader reader)
    {
        var text = Encoding.UTF8.GetBytes(reader.GetString()!);
        var start = _escaped.WrittenCount;
        _escaped.Write(text);
        return new Field(FieldKind.Unescaped, start, text.Length);
    }

    enum FieldKind : byte { Missing, Raw, Unescaped, True, False }

    /// <summary>Where a column's value lies: in the row (<see cref="FieldKind.Raw"/>) or in the unescaped buffer.</summary>
    readonly record struct Field(FieldKind Kind, int Start, int Length);

    public long Rows => _rows;

    /// <summary>Folds another version's (or time bucket's) rows into these, as ValidateData folds its workers' profiles.</summary>
    public void Merge(LiveInputs other)
    {
        _rows += other._rows;
        for (var i = 0; i < _columns.Length; i++) _columns[i].Accumulator.Merge(other._columns[i].Accumulator);
    }

    /// <summary>The live data's profile, as ValidateData would profile a CSV of the same rows.</summary>
    public DataProfile Profile(DateTimeOffset at) => new()
    {
        SourceFile = "prediction log",
        RowCount = _rows,
        CreatedAt = at,
        Columns = [.. _columns.Select(c => c.Accumulator.ToProfile())],
    };

    /// <summary>ValidateData's drift check of the live profile against the training profile.</summary>
    public (DatasetDrift Drift, IReadOnlyList<FeatureDrift> Columns)? Compare(PipelineSpec spec, VersionReference reference, DateTimeOffset at)
    {
        if (reference.Profile is not { } training || _columns.Length == 0) return null;
        // Overrides for columns the model does not take (the label, an id) would be "not a compared column" here.
        var compared = _columns.Select(c => c.Name).ToHashSet(StringComparer.Ordinal);
        var drift = spec.Drift with { Columns = spec.Drift.Columns.Where(c => compared.Contains(c.Key)).ToDictionary(StringComparer.Ordinal) };
        var (result, _) = DriftCheck.Compare(spec with { Drift = drift }, training, Profile(at));
        return (result, [.. result.Columns.Select(Figures)]);
    }

    static FeatureDrift Figures(ColumnDrift column) => new(
        column.Column,
        column.Verdict switch { DriftVerdict.Drifted => "drifted", DriftVerdict.NotDrifted => "not_drifted", _ => "not_judged" },
        column.Method switch
        {
            Data.Drift.DriftMethod.KolmogorovSmirnov => "ks",
            Data.Drift.DriftMethod.ChiSquared => "chisquare",
            Data.Drift.DriftMethod.Wasserstein => "wasserstein",
            Data.Drift.DriftMethod.JensenShannon => "jensenshannon",
            Data.Drift.DriftMethod.Psi => "psi",
            _ => null,
        },
        column.Score, column.Threshold, column.Effects?.Psi, column.Effects?.JensenShannon, column.Effects?.WassersteinNormed,
        column.ReferenceCount, column.CurrentCount, column.Reason);
}
