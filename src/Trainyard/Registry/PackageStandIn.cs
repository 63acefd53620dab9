using System.Text.Json;
using Trainyard.Evaluation;
using Trainyard.IO;
using Trainyard.Pipelines;
using Trainyard.Runtime;
using Trainyard.Runtime.Packaging;
using Trainyard.Training;

namespace Trainyard.Registry;

/// <summary>
/// TEMPORARY, deleted at merge: stands in for the package branch's ModelPackage.ReadMetadata and
/// PackageInputs.ReadAsync(…).Pack() until they land, so the registry and its targets can be built and tested.
/// </summary>
internal static class PackageStandIn
{
    const string ConfigType = "application/vnd.trainyard.model.config.v1+json";
    const string Title = "org.opencontainers.image.title";

    static readonly JsonSerializerOptions Json = new() { PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower, WriteIndented = true };

    public static ModelMetadata ReadMetadata(OciBlob config, string source)
    {
        if (OciBlobs.DigestOf(config.Content.Span) != config.Descriptor.Digest)
            throw new ModelFormatException($"{source}: the config does not match its digest {config.Descriptor.Digest}");
        return JsonSerializer.Deserialize<ModelMetadata>(config.Content.Span, Json) ?? throw new ModelFormatException($"{source}: empty config");
    }

    public static async Task<PackedModel> ReadAsync(PipelineSpec spec, string root, string artifacts, CancellationToken cancellationToken)
    {
        var files = new SortedDictionary<string, byte[]>(StringComparer.Ordinal);
        foreach (var name in new[] { "model.json", "featurizer.json", "metrics.json", "profile.json", "run.json" })
        {
            var path = RepositoryPath.Full(root, $"{artifacts}/{name}");
            if (!File.Exists(path)) throw new TrainyardException($"{artifacts}/{name} is missing: run Evaluate first");
            files[name] = await File.ReadAllBytesAsync(path, cancellationToken);
        }
        var run = await RunRecord.ReadAsync(RepositoryPath.Full(root, $"{artifacts}/run.json"), cancellationToken);
        var metrics = await MetricsJson.ReadAsync(RepositoryPath.Full(root, $"{artifacts}/metrics.json"), cancellationToken);
        var key = ContentHash.Of($"{run.SpecSha256}\n{run.Data.Sha256}\n{ContentHash.Of(files["model.json"])}\n{ContentHash.Of(files["featurizer.json"])}");
        var metadata = new ModelMetadata
        {
            Name = spec.Name,
            Task = spec.Task.ToString().ToLowerInvariant(),
            ContentKey = key,
            Created = DateTimeOffset.FromUnixTimeSeconds(DateTimeOffset.UtcNow.ToUnixTimeSeconds()),
            Metrics = (metrics.TaskScalars()?.Values ?? new Dictionary<string, double?>())
                .Where(m => m.Value is not null && !m.Key.StartsWith("class.", StringComparison.Ordinal)).ToDictionary(m => m.Key, m => m.Value!.Value),
            Lineage = new ModelLineage { Commit = run.Source.Commit },
        };
        return Pack(metadata, files.ToDictionary(f => f.Key, f => (ReadOnlyMemory<byte>)f.Value));
    }

    /// <summary>Stands in for new ModelPackage(metadata, files).Pack().</summary>
    public static PackedModel Pack(ModelMetadata metadata, IReadOnlyDictionary<string, ReadOnlyMemory<byte>> files)
    {
        var config = OciBlobs.Create(ConfigType, JsonSerializer.SerializeToUtf8Bytes(metadata, Json));
        var layers = files.OrderBy(f => f.Key, StringComparer.Ordinal)
            .Select(f => OciBlobs.Create("application/octet-stream", f.Value, new Dictionary<string, string> { [Title] = f.Key })).ToList();
        var manifest = new OciManifest(config.Descriptor, [.. layers.Select(l => l.Descriptor)], "application/vnd.trainyard.model.v1");
        return new PackedModel(manifest.ToBlob(), config, layers);
    }

    /// <summary>The package branch adds ModelMetadata.GatesPassed; until then the verdict is unknown here.</summary>
    public static string GateVerdict(ModelMetadata metadata) => metadata.Name.Length >= 0 ? "not checked" : "";
}
