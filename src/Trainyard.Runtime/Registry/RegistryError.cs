using System.Text.Json;

namespace Trainyard.Runtime.Registry;

/// <summary>One entry of a distribution API error body (<c>{"errors":[{"code","message","detail"}]}</c>).</summary>
internal sealed record RegistryError(string Code, string Message, string? Detail)
{
    public override string ToString() => $"{Code} {Message}" + (Detail is { Length: > 0 } ? $" ({Detail})" : "");

    /// <summary>The entries of an error body (<c>DIGEST_INVALID</c>, <c>NAME_UNKNOWN</c>, …); empty when the body is not one.</summary>
    public static IReadOnlyList<RegistryError> ReadAll(string body)
    {
        try
        {
            using var document = JsonDocument.Parse(body);
            if (document.RootElement.ValueKind != JsonValueKind.Object
                || !document.RootElement.TryGetProperty("errors", out var errors) || errors.ValueKind != JsonValueKind.Array) return [];
            return errors.EnumerateArray().Where(e => e.ValueKind == JsonValueKind.Object).Select(e => new RegistryError(
                Text(e, "code") ?? "UNKNOWN", Text(e, "message") ?? "", e.TryGetProperty("detail", out var d) ? ReadDetail(d) : null)).ToList();
        }
        catch (JsonException) { return []; }
    }

    /// <summary>A body cut to what fits in a one-line message.</summary>
    public static string Shorten(string body) => body.Length <= 300 ? body.Trim() : body[..300].Trim() + "…";

    static string? Text(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    static string? ReadDetail(JsonElement detail) => detail.ValueKind switch
    {
        JsonValueKind.Null or JsonValueKind.Undefined => null,
        JsonValueKind.String => detail.GetString(),
        JsonValueKind.Array when Access(detail) is { } access => access,
        _ => Shorten(detail.GetRawText()),
    };

    /// <summary>An authorization error's detail lists the access it wanted (<c>[{"Type","Name","Action"}]</c>): "needs pull, push on models/x".</summary>
    static string? Access(JsonElement detail)
    {
        var wanted = detail.EnumerateArray()
            .Select(e => e.ValueKind == JsonValueKind.Object ? (Name: Text(e, "Name"), Action: Text(e, "Action")) : default)
            .ToList();
        if (wanted.Count == 0 || wanted.Any(w => w.Name is null || w.Action is null)) return null;
        return "needs " + string.Join("; ", wanted.GroupBy(w => w.Name).Select(g => $"{string.Join(", ", g.Select(w => w.Action).Distinct().Order(StringComparer.Ordinal))} on {g.Key}"));
    }
}
