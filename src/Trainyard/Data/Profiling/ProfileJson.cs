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

    static readonly JsonDocumentKind Kind = new("data profile", "Data profile", DataProfile.CurrentFormatVersion,
        $"expected a Trainyard data profile (JSON object with format_version {DataProfile.CurrentFormatVersion})",
        "Profile the data again with this Trainyard version.");

    public static Task<DataProfile> ReadAsync(string path, CancellationToken cancellationToken = default) =>
        VersionedJson.ReadAsync<DataProfile>(path, Kind, Options, cancellationToken);

    /// <summary>Parses a data profile; <paramref name="source"/> names it in errors (a path, or a registry reference).</summary>
    public static DataProfile Deserialize(string json, string source) => VersionedJson.Deserialize<DataProfile>(json, source, Kind, Options);

    private sealed class LowerCaseNamingPolicy : JsonNamingPolicy
    {
        public override string ConvertName(string name) => name.ToLowerInvariant();
    }
}
