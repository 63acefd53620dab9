using System.Text.Json;
using System.Text.Json.Serialization;

namespace Trainyard.Runtime.Features;

/// <summary>featurizer.json: read and write with System.Text.Json (source-generated). A file that is not valid JSON, lacks a required
/// member or breaks a rule of <see cref="FeaturizerDefinition"/> is a <see cref="ModelFormatException"/>.</summary>
public static class FeaturizerJson
{
    public static string Write(Featurizer featurizer) => JsonSerializer.Serialize(featurizer.Definition, FeaturizerJsonContext.Default.FeaturizerDefinition);

    public static Featurizer Read(string json, string source = "featurizer.json")
    {
        FeaturizerDefinition? definition;
        try { definition = JsonSerializer.Deserialize(json, FeaturizerJsonContext.Default.FeaturizerDefinition); }
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

/// <summary>Source-generated, so the trimmed model server reads featurizer.json without reflection. Unknown members are skipped; trailing commas refused.</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower, WriteIndented = true,
    RespectRequiredConstructorParameters = true, UnmappedMemberHandling = JsonUnmappedMemberHandling.Skip, AllowTrailingCommas = false)]
[JsonSerializable(typeof(FeaturizerDefinition))]
internal sealed partial class FeaturizerJsonContext : JsonSerializerContext;
