using System.Text;
using System.Text.Json;

namespace Trainyard.Monitoring;

/// <summary>
/// Reads one prediction-log line in a single forward pass of <see cref="Utf8JsonReader"/>: the header fields, and
/// where the inputs, each input row and the outputs lie in the line, without building a document. The rows' UTF-8
/// is what the input profilers walk; a <see cref="JsonDocument"/> of the inputs or outputs is built only when a
/// consumer asks for a <see cref="JsonElement"/> (outputs: the score; inputs: an id column to join labels by).
/// One instance serves a whole read, line after line (its row offsets, caches and documents are reused), so the
/// read allocates per line only what a consumer asks for. Not thread-safe; the reader owns it.
/// </summary>
internal sealed class LoggedLine : IDisposable
{
    readonly List<(int Start, int Length)> _rows = [], _predictionsUtf8 = [];
    readonly TextCache _callers = new(), _versions = new(), _digests = new();
    ReadOnlyMemory<byte> _line;
    (int Start, int Length) _inputs, _outputs, _requestId;
    bool _requestIdEscaped;
    string? _requestIdText;
    JsonDocument? _inputsDocument, _outputsDocument;
    readonly List<JsonElement> _predictions = [];

    public int Rows { get; private set; }

    /// <summary>
    /// Reads <paramref name="line"/>: a record, or null when it is not a whole, well-formed log record (no readable
    /// <c>time</c>, no <c>inputs</c>, no non-empty <c>outputs</c> array with as many rows as the inputs, or not JSON).
    /// When the line starts with a <c>time</c> outside <paramref name="window"/>, stops there: <paramref name="outside"/>.
    /// </summary>
    public LoggedRequest? Read(ReadOnlyMemory<byte> line, LogWindow window, out bool outside)
    {
        Reset(line);
        outside = false;
        try { return Parse(line.Span, window, ref outside); }
        catch (JsonException) { return null; }
    }

    LoggedRequest? Parse(ReadOnlySpan<byte> span, LogWindow window, ref bool outside)
    {
        var reader = new Utf8JsonReader(span);
        if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject) return null;
        DateTimeOffset? time = null;
        string? caller = null, version = null, digest = null;
        var latency = double.NaN;
        int inputRows = -1, outputRows = -1;
        var first = true;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            // JsonElement.TryGetProperty finds a repeated name's last value; so does each assignment here.
            if (reader.ValueTextEquals("time"u8))
            {
                reader.Read();
                time = reader.TokenType == JsonTokenType.String && reader.TryGetDateTimeOffset(out var at) ? at : null;
                if (reader.TokenType is JsonTokenType.StartObject or JsonTokenType.StartArray) reader.Skip();
                // The server writes "time" first: a line plainly outside the window is not read any further.
                if (first && time is { } leading && !window.Contains(leading)) { outside = true; return null; }
            }
            else if (reader.ValueTextEquals("inputs"u8)) inputRows = ReadInputs(ref reader);
            else if (reader.ValueTextEquals("outputs"u8)) outputRows = ReadOutputs(ref reader);
            else if (reader.ValueTextEquals("request_id"u8))
            {
                reader.Read();
                if (reader.TokenType == JsonTokenType.String)
                    (_requestId, _requestIdEscaped) = (((int)reader.TokenStartIndex + 1, reader.ValueSpan.Length), reader.ValueIsEscaped);
                else
                {
                    _requestId = default;
                    if (reader.TokenType is JsonTokenType.StartObject or JsonTokenType.StartArray) reader.Skip();
                }
            }
            else if (reader.ValueTextEquals("caller"u8)) caller = Text(ref reader, _callers);
            else if (reader.ValueTextEquals("model_version"u8)) version = Text(ref reader, _versions);
            else if (reader.ValueTextEquals("model_digest"u8)) digest = Text(ref reader, _digests);
            else if (reader.ValueTextEquals("latency_ms"u8))
            {
                reader.Read();
                latency = reader.TokenType == JsonTokenType.Number && reader.TryGetDouble(out var ms) ? ms : double.NaN;
                if (reader.TokenType is JsonTokenType.StartObject or JsonTokenType.StartArray) reader.Skip();
            }
            else
            {
                reader.Read();
                reader.Skip();
            }
            first = false;
        }
        if (reader.TokenType != JsonTokenType.EndObject) return null;
        // Nothing may follow the record but white space (the reader throws on a second value).
        if (reader.Read()) return null;
        if (time is not { } when || outputRows <= 0 || inputRows != outputRows) return null;
        Rows = outputRows;
        return new LoggedRequest(this, when, caller ?? "anonymous", version ?? "unknown", digest ?? "", latency);
    }

    /// <summary>Records the inputs (an object: one row; an array: its elements) and returns how many rows; -1 for anything else.</summary>
    int ReadInputs(ref Utf8JsonReader reader)
    {
        reader.Read();
        var start = (int)reader.TokenStartIndex;
        _rows.Clear();
        int rows;
        if (reader.TokenType == JsonTokenType.StartObject)
        {
            reader.Skip();
            _rows.Add((start, (int)reader.BytesConsumed - start));
            rows = 1;
        }
        else if (reader.TokenType == JsonTokenType.StartArray)
        {
            while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
            {
                var row = (int)reader.TokenStartIndex;
                reader.Skip();
                _rows.Add((row, (int)reader.BytesConsumed - row));
            }
            rows = _rows.Count;
        }
        else
        {
            reader.Skip();
            rows = -1;
        }
        _inputs = (start, (int)reader.BytesConsumed - start);
        return rows;
    }

    /// <summary>Records the outputs and returns how many predictions the array holds; -1 when it is not an array.</summary>
    int ReadOutputs(ref Utf8JsonReader reader)
    {
        reader.Read();
        var start = (int)reader.TokenStartIndex;
        var count = -1;
        _predictionsUtf8.Clear();
        if (reader.TokenType == JsonTokenType.StartArray)
        {
            while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
            {
                var prediction = (int)reader.TokenStartIndex;
                reader.Skip();
                _predictionsUtf8.Add((prediction, (int)reader.BytesConsumed - prediction));
            }
            count = _predictionsUtf8.Count;
        }
        else reader.Skip();
        _outputs = (start, (int)reader.BytesConsumed - start);
        return count;
    }

    /// <summary>A string value, as a string shared by every line with the same bytes; null when not a string.</summary>
    static string? Text(ref Utf8JsonReader reader, TextCache cache)
    {
        reader.Read();
        if (reader.TokenType != JsonTokenType.String)
        {
            if (reader.TokenType is JsonTokenType.StartObject or JsonTokenType.StartArray) reader.Skip();
            return null;
        }
        return reader.ValueIsEscaped ? reader.GetString() : cache.Of(reader.ValueSpan);
    }

    public string RequestId
    {
        get
        {
            if (_requestIdText is not null) return _requestIdText;
            if (_requestId.Length == 0) return _requestIdText = "";
            var raw = _line.Span.Slice(_requestId.Start, _requestId.Length);
            if (!_requestIdEscaped) return _requestIdText = Encoding.UTF8.GetString(raw);
            // Unescaped by the reader, from the quoted value.
            var reader = new Utf8JsonReader(_line.Span.Slice(_requestId.Start - 1, _requestId.Length + 2));
            reader.Read();
            return _requestIdText = reader.GetString()!;
        }
    }

    public ReadOnlySpan<byte> RowUtf8(int index) => _line.Span.Slice(_rows[index].Start, _rows[index].Length);

    public ReadOnlySpan<byte> PredictionUtf8(int index) => _line.Span.Slice(_predictionsUtf8[index].Start, _predictionsUtf8[index].Length);

    public JsonElement Inputs => (_inputsDocument ??= JsonDocument.Parse(_line.Slice(_inputs.Start, _inputs.Length))).RootElement;

    public JsonElement Outputs => (_outputsDocument ??= JsonDocument.Parse(_line.Slice(_outputs.Start, _outputs.Length))).RootElement;

    public JsonElement Prediction(int index)
    {
        if (_predictions.Count == 0)
            foreach (var prediction in Outputs.EnumerateArray()) _predictions.Add(prediction);
        return _predictions[index];
    }

    void Reset(ReadOnlyMemory<byte> line)
    {
        _line = line;
        _rows.Clear();
        _predictionsUtf8.Clear();
        _predictions.Clear();
        _inputs = _outputs = _requestId = default;
        _requestIdText = null;
        _inputsDocument?.Dispose();
        _outputsDocument?.Dispose();
        _inputsDocument = _outputsDocument = null;
        Rows = 0;
    }

    public void Dispose() => Reset(default);

    /// <summary>The strings of a field with few distinct values (callers, versions, digests), so a line allocates none.</summary>
    sealed class TextCache
    {
        const int Most = 64; // beyond this many distinct values, new ones are allocated per line (still correct)
        readonly List<(byte[] Utf8, string Text)> _known = [];

        public string Of(ReadOnlySpan<byte> utf8)
        {
            foreach (var (bytes, text) in _known)
                if (utf8.SequenceEqual(bytes)) return text;
            var made = Encoding.UTF8.GetString(utf8);
            if (_known.Count < Most) _known.Add((utf8.ToArray(), made));
            return made;
        }
    }
}
