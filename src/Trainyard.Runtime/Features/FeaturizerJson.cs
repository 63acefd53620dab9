using System.Text.Json;
using System.Text.Json.Serialization;

namespace Trainyard.Runtime.Features;

/// <summary>featurizer.json: read and write with System.Text.Json. A file that is not valid JSON, lacks a required
/// member or breaks a rule of <see cref="FeaturizerDefinition"/> is a <see cref="ModelFormatException"/>.</summary>
public static class FeaturizerJson
{
    private static readonly JsonSerializerOptions Options = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        WriteIndented = true,
        RespectRequiredConstructorParameters = true,
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Skip,
        AllowTrailingCommas = false,
    };

    public static string Write(Featurizer featurizer) => JsonSerializer.Serialize(featurizer.Definition, Options);

    public static Featurizer Read(string json, string source = "featurizer.json")
    {
        FeaturizerDefinition? definition;
        try { definition = JsonSerializer.Deserialize<FeaturizerDefinition>(json, Options); }
        catch (JsonException error)
        {
            var where = error.LineNumber is { } line ? $" at line {line + 1}" : "";
            throw new ModelFormatException($"{source}{where}: not a featurizer definition: {error.Message}", error);
        }
        if (definition is null) throw new ModelFormatException($"{source}: the file holds null, not a featurizer definition");
        try { return new Featurizer(definition); }
        catch (ModelFormatException error) { throw new ModelFormatException($"{source}: {error.Message}", error); }
    }

    public static async Task<Featurizer> ReadFileAsync(string path, CancellationToken cancellationToken = default) =>
        Read(await File.ReadAllTextAsync(path, cancellationToken), path);

    public static Task WriteFileAsync(string path, Featurizer featurizer, CancellationToken cancellationToken = default) =>
        File.WriteAllTextAsync(path, Write(featurizer) + "\n", cancellationToken);
}
