using System.Runtime.InteropServices;
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
    }

    /// <summary>Adds one row as a client sent it.</summary>
    public void Add(JsonElement row)
    {
        _rows++;
        foreach (var (name, accumulator) in _columns)
        {
            if (row.ValueKind != JsonValueKind.Object || !row.TryGetProperty(name, out var value))
            {
                accumulator.Add([], _rows + 1);
                continue;
            }
            switch (value.ValueKind)
            {
                case JsonValueKind.Number:
                    accumulator.Add(JsonMarshal.GetRawUtf8Value(value), _rows + 1);
                    break;
                case JsonValueKind.String:
                    var raw = JsonMarshal.GetRawUtf8Value(value);
                    // The text between the quotes is the value unless it holds an escape.
                    if (raw.IndexOf((byte)'\\') < 0) accumulator.Add(raw[1..^1], _rows + 1);
                    else accumulator.Add(Encoding.UTF8.GetBytes(value.GetString()!), _rows + 1);
                    break;
                case JsonValueKind.True:
                    accumulator.Add("true"u8, _rows + 1);
                    break;
                case JsonValueKind.False:
                    accumulator.Add("false"u8, _rows + 1);
                    break;
                default:
                    accumulator.Add([], _rows + 1); // null: missing, as an empty CSV field
                    break;
            }
        }
    }

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
