using System.Text.Json;
using System.Text.Json.Serialization;
using Trainyard.IO;

namespace Trainyard.Data.Profiling;

/// <summary>
/// Reads and writes <see cref="DataProfile"/> as JSON (shape: docs/profile-format.md): snake_case members, enums in
/// lower case, members that do not apply left out, unknown members ignored so additive changes keep the version.
/// </summary>
internal static class ProfileJson
{
    private static readonly JsonSerializerOptions Options = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        RespectNullableAnnotations = true,
        RespectRequiredConstructorParameters = true,
        WriteIndented = true,
        Converters = { new JsonStringEnumConverter(new LowerCaseNamingPolicy(), allowIntegerValues: false) },
    };

    public static string Serialize(DataProfile profile) => JsonSerializer.Serialize(profile, Options);

    public static string Serialize(ColumnProfile column) => JsonSerializer.Serialize(column, Options);

    public static Task WriteAsync(string path, DataProfile profile, CancellationToken cancellationToken = default) =>
        AtomicFile.WriteAsync(path, (stream, ct) => JsonSerializer.SerializeAsync(stream, profile, Options, ct), cancellationToken);

    public static async Task<DataProfile> ReadAsync(string path, CancellationToken cancellationToken = default)
    {
        string json;
        try
        {
            json = await File.ReadAllTextAsync(path, cancellationToken);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new TrainyardException($"Cannot read the data profile: {e.Message}", new SourceLocation(path), e);
        }
        return Deserialize(json, path);
    }

    /// <summary>Parses a profile; <paramref name="source"/> names it in errors (a path, or e.g. a registry reference).</summary>
    public static DataProfile Deserialize(string json, string source)
    {
        var expected = $"expected a Trainyard data profile (JSON object with format_version {DataProfile.CurrentFormatVersion})";
        try
        {
            using (var document = JsonDocument.Parse(json))
            {
                var root = document.RootElement;
                if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("format_version", out var version) ||
                    version.ValueKind != JsonValueKind.Number)
                    throw new TrainyardException($"Not a data profile: {expected}.", new SourceLocation(source));
                if (!version.TryGetInt32(out var number) || number != DataProfile.CurrentFormatVersion)
                    throw new TrainyardException(
                        $"Data profile format_version {version.GetRawText()} is not supported: {expected}. Profile the data again with this Trainyard version.",
                        new SourceLocation(source));
            }
            return JsonSerializer.Deserialize<DataProfile>(json, Options)
                ?? throw new TrainyardException($"Not a data profile: {expected}.", new SourceLocation(source));
        }
        catch (JsonException e)
        {
            var line = e.LineNumber is { } zeroBased ? (int)zeroBased + 1 : (int?)null;
            throw new TrainyardException($"Malformed data profile, {expected}: {e.Message}", new SourceLocation(source, line), e);
        }
    }

    private sealed class LowerCaseNamingPolicy : JsonNamingPolicy
    {
        public override string ConvertName(string name) => name.ToLowerInvariant();
    }
}
