using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Trainyard.Runtime.Packaging;

/// <summary>
/// How the package's own JSON documents (metadata, signature, example) are written: snake_case like every
/// Trainyard file, indented for people, with maps in a fixed key order so that equal content gives equal bytes —
/// and so an equal digest.
/// </summary>
internal static class PackageJson
{
    /// <summary>Maps written with their keys in ordinal order (metadata: metrics, parameters, versions).</summary>
    public static readonly JsonSerializerOptions Sorted = Create(sortMaps: true);

    /// <summary>Maps written in their own order (a prediction's probabilities follow the model's classes).</summary>
    public static readonly JsonSerializerOptions Ordered = Create(sortMaps: false);

    static JsonSerializerOptions Create(bool sortMaps)
    {
        var options = new JsonSerializerOptions
        {
            PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
            WriteIndented = true,
            Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
            RespectNullableAnnotations = true,
            RespectRequiredConstructorParameters = true,
        };
        if (sortMaps) options.Converters.Add(new SortedMapConverter());
        return options;
    }

    /// <summary>Reads a document, checking its <c>format_version</c> first so that a newer file is refused by name, not by a parse error.</summary>
    public static T Read<T>(ReadOnlySpan<byte> json, string source, string what, int formatVersion, JsonSerializerOptions options) where T : class
    {
        try
        {
            var reader = new Utf8JsonReader(json);
            using (var document = JsonDocument.ParseValue(ref reader))
            {
                if (document.RootElement.ValueKind != JsonValueKind.Object ||
                    !document.RootElement.TryGetProperty("format_version", out var version) || version.ValueKind != JsonValueKind.Number)
                    throw new ModelFormatException($"{source}: not a Trainyard {what} (a JSON object with format_version {formatVersion})");
                if (!version.TryGetInt32(out var number) || number != formatVersion)
                    throw new ModelFormatException(
                        $"{source}: {what} format_version {version.GetRawText()} is not supported; this Trainyard reads {formatVersion} — use the Trainyard version that made the package");
            }
            return JsonSerializer.Deserialize<T>(json, options) ?? throw new ModelFormatException($"{source}: holds null, not a {what}");
        }
        catch (JsonException e)
        {
            var where = e.LineNumber is { } line ? $" at line {line + 1}" : "";
            throw new ModelFormatException($"{source}{where}: not a valid {what}: {e.Message}", e);
        }
    }

    public static byte[] Write<T>(T value, JsonSerializerOptions options) =>
        [.. JsonSerializer.SerializeToUtf8Bytes(value, options), (byte)'\n'];

    sealed class SortedMapConverter : JsonConverterFactory
    {
        public override bool CanConvert(Type type) =>
            type.IsGenericType && type.GetGenericTypeDefinition() == typeof(IReadOnlyDictionary<,>) && type.GetGenericArguments()[0] == typeof(string);

        public override JsonConverter CreateConverter(Type type, JsonSerializerOptions options) =>
            (JsonConverter)Activator.CreateInstance(typeof(SortedMap<>).MakeGenericType(type.GetGenericArguments()[1]))!;
    }

    sealed class SortedMap<TValue> : JsonConverter<IReadOnlyDictionary<string, TValue>>
    {
        public override IReadOnlyDictionary<string, TValue>? Read(ref Utf8JsonReader reader, Type type, JsonSerializerOptions options) =>
            JsonSerializer.Deserialize<Dictionary<string, TValue>>(ref reader, options);

        public override void Write(Utf8JsonWriter writer, IReadOnlyDictionary<string, TValue> map, JsonSerializerOptions options)
        {
            writer.WriteStartObject();
            foreach (var (key, value) in map.OrderBy(entry => entry.Key, StringComparer.Ordinal))
            {
                writer.WritePropertyName(key);
                JsonSerializer.Serialize(writer, value, options);
            }
            writer.WriteEndObject();
        }
    }
}
