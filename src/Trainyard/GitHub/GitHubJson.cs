using System.Text.Json;
using System.Text.Json.Serialization;

namespace Trainyard.GitHub;

/// <summary>GitHub's JSON conventions: snake_case members, lower-case enum values, unknown members ignored.</summary>
internal static class GitHubJson
{
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseLower, allowIntegerValues: false) },
    };

    public static string Serialize<T>(T value) => JsonSerializer.Serialize(value, Options);

    /// <summary>Parses a success body; a body of another shape is GitHub's contract broken, said with the request.</summary>
    public static T Deserialize<T>(string json, string request)
    {
        try
        {
            return JsonSerializer.Deserialize<T>(json, Options)
                ?? throw new TrainyardException($"GitHub {request} returned an empty body.");
        }
        catch (JsonException e)
        {
            throw new TrainyardException($"GitHub {request} returned JSON Trainyard cannot read: {e.Message}", innerException: e);
        }
    }

    /// <summary>Reads an error body if it is GitHub's JSON shape; null for HTML from a proxy or an empty body.</summary>
    public static GitHubErrorBody? TryReadError(string body)
    {
        if (string.IsNullOrWhiteSpace(body)) return null;
        try { return JsonSerializer.Deserialize<GitHubErrorBody>(body, Options); }
        catch (JsonException) { return null; }
    }
}

/// <summary>Reads an <c>errors[]</c> entry that is either an object or a bare string.</summary>
internal sealed class GitHubErrorEntryConverter : JsonConverter<GitHubErrorEntry>
{
    public override GitHubErrorEntry? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType == JsonTokenType.String) return new GitHubErrorEntry(null, null, null, reader.GetString());
        using var doc = JsonDocument.ParseValue(ref reader);
        string? Member(string name) =>
            doc.RootElement.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;
        return new GitHubErrorEntry(Member("resource"), Member("field"), Member("code"), Member("message"));
    }

    public override void Write(Utf8JsonWriter writer, GitHubErrorEntry value, JsonSerializerOptions options) =>
        throw new NotSupportedException("Error entries are only read.");
}
