using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;

namespace Trainyard.Runtime.Packaging;

/// <summary>
/// How the package's own JSON documents (metadata, signature, example) are written: snake_case like every
/// Trainyard file, indented for people, with maps in a fixed key order so that equal content gives equal bytes —
/// and so an equal digest. Source-generated (<see cref="PackageJsonContext"/>), so the trimmed server needs no reflection.
/// </summary>
internal static class PackageJson
{
    /// <summary>Maps written with their keys in ordinal order (metadata: metrics, parameters, versions).</summary>
    public static readonly PackageJsonContext Sorted = new(Create(sortMaps: true));

    /// <summary>Maps written in their own order (a prediction's probabilities follow the model's classes).</summary>
    public static readonly PackageJsonContext Ordered = new(Create(sortMaps: false));

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
    public static T Read<T>(ReadOnlySpan<byte> json, string source, string what, int formatVersion, JsonTypeInfo<T> type) where T : class
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
            return JsonSerializer.Deserialize(json, type) ?? throw new ModelFormatException($"{source}: holds null, not a {what}");
        }
        catch (JsonException e)
        {
            var where = e.LineNumber is { } line ? $" at line {line + 1}" : "";
            throw new ModelFormatException($"{source}{where}: not a valid {what}: {e.Message}", e);
        }
    }

    public static byte[] Write<T>(T value, JsonTypeInfo<T> type) =>
        [.. JsonSerializer.SerializeToUtf8Bytes(value, type), (byte)'\n'];

    /// <summary>
    /// Sorts the string-keyed maps the metadata holds. One converter per value type, named here rather than made by
    /// reflection (MakeGenericType is not trim-safe); a map of another value type fails loudly, never unsorted.
    /// </summary>
    sealed class SortedMapConverter : JsonConverterFactory
    {
        public override bool CanConvert(Type type) =>
            type.IsGenericType && type.GetGenericTypeDefinition() == typeof(IReadOnlyDictionary<,>) && type.GenericTypeArguments[0] == typeof(string);

        public override JsonConverter CreateConverter(Type type, JsonSerializerOptions options) => type.GenericTypeArguments[1] switch
        {
            var value when value == typeof(double) => new SortedMap<double>(),
            var value when value == typeof(string) => new SortedMap<string>(),
            var value when value == typeof(SplitHash) => new SortedMap<SplitHash>(),
            var value => throw new NotSupportedException(
                $"PackageJson cannot sort a map of {value.Name}: add SortedMap<{value.Name}> to SortedMapConverter and Dictionary<string, {value.Name}> to PackageJsonContext"),
        };
    }

    sealed class SortedMap<TValue> : JsonConverter<IReadOnlyDictionary<string, TValue>>
    {
        public override IReadOnlyDictionary<string, TValue>? Read(ref Utf8JsonReader reader, Type type, JsonSerializerOptions options) =>
            JsonSerializer.Deserialize(ref reader, (JsonTypeInfo<Dictionary<string, TValue>>)options.GetTypeInfo(typeof(Dictionary<string, TValue>)));

        public override void Write(Utf8JsonWriter writer, IReadOnlyDictionary<string, TValue> map, JsonSerializerOptions options)
        {
            var valueType = (JsonTypeInfo<TValue>)options.GetTypeInfo(typeof(TValue));
            writer.WriteStartObject();
            foreach (var (key, value) in map.OrderBy(entry => entry.Key, StringComparer.Ordinal))
            {
                writer.WritePropertyName(key);
                JsonSerializer.Serialize(writer, value, valueType);
            }
            writer.WriteEndObject();
        }
    }
}

/// <summary>The package documents' types, for <see cref="PackageJson"/>'s two option sets (the attribute repeats them for the generator).</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower, WriteIndented = true,
    RespectNullableAnnotations = true, RespectRequiredConstructorParameters = true)]
[JsonSerializable(typeof(ModelMetadata))]
[JsonSerializable(typeof(ModelSignature))]
[JsonSerializable(typeof(InputExample))]
[JsonSerializable(typeof(Dictionary<string, double>))]   // SortedMap reads these
[JsonSerializable(typeof(Dictionary<string, string>))]
[JsonSerializable(typeof(Dictionary<string, SplitHash>))]
internal sealed partial class PackageJsonContext : JsonSerializerContext;
