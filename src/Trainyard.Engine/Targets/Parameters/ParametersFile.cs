using System.Text.Json;

namespace Trainyard.Targets.Parameters;

/// <summary>The committed <c>.trainyard/parameters.json</c>: a JSON object of parameter names to values.</summary>
internal static class ParametersFile
{
    public static string PathUnder(string root) => Path.Combine(root, ".trainyard", "parameters.json");

    /// <returns>Each key with its values as text (arrays give several).</returns>
    public static IReadOnlyList<(string Key, IReadOnlyList<string> Values)> Read(string root)
    {
        var path = PathUnder(root);
        if (!File.Exists(path)) return [];
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(File.ReadAllText(path));
        }
        catch (JsonException e)
        {
            throw new UsageException($"{path}: not valid JSON: {e.Message}");
        }
        using (document)
        {
            if (document.RootElement.ValueKind != JsonValueKind.Object)
                throw new UsageException($"{path}: expected a JSON object of parameter names to values.");
            return document.RootElement.EnumerateObject()
                .Select(p => (p.Name, (IReadOnlyList<string>)(p.Value.ValueKind == JsonValueKind.Array
                    ? p.Value.EnumerateArray().Select(Text).ToList()
                    : [Text(p.Value)])))
                .ToList();
        }
    }

    private static string Text(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.String => value.GetString()!,
        JsonValueKind.True => "true",
        JsonValueKind.False => "false",
        _ => value.GetRawText(),
    };
}
