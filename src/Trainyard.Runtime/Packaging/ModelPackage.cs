using System.Globalization;
using System.Text;
using Trainyard.Runtime.Features;
using Trainyard.Runtime.Scoring;

namespace Trainyard.Runtime.Packaging;

/// <summary>
/// A model package: everything needed to score a model and to audit it — the metadata (lineage, headline metrics)
/// and its files (<see cref="PackageFiles"/>: model, featurizer, signature, training data profile, metrics,
/// example), by file name. As an OCI artifact (<see cref="Pack"/>): the metadata is the config blob and each file
/// a layer, so every part is addressed, and checked, by its sha256 digest. Format: docs/model-package.md.
/// </summary>
internal sealed partial record ModelPackage(ModelMetadata Metadata, IReadOnlyDictionary<string, ReadOnlyMemory<byte>> Files)
{
    /// <summary>A file's bytes; a package without it is a <see cref="ModelFormatException"/> naming the file.</summary>
    public ReadOnlyMemory<byte> File(string name) =>
        Files.TryGetValue(name, out var content) ? content
            : throw new ModelFormatException($"{Source(name)}: the package has no {name}; package the model again with this Trainyard version");

    public Featurizer ReadFeaturizer() => FeaturizerJson.Read(Encoding.UTF8.GetString(File(PackageFiles.Featurizer).Span), Source(PackageFiles.Featurizer));

    public XGBoostScorer ReadScorer() => XGBoostScorer.Load(File(PackageFiles.Model).Span, Source(PackageFiles.Model));

    public ModelSignature ReadSignature() => ModelSignature.Parse(File(PackageFiles.Signature).Span, Source(PackageFiles.Signature));

    public InputExample ReadExample() => InputExample.Parse(File(PackageFiles.Example).Span, Source(PackageFiles.Example));

    string Source(string file) => $"{Metadata.Name} package, {file}";

    /// <summary>
    /// The package as OCI blobs: the metadata as config, one layer per file in file-name order, each titled with its
    /// file name, and the manifest naming them. Nothing here depends on time or place, so the same package always
    /// gives the same bytes and the same digest.
    /// </summary>
    public PackedModel Pack()
    {
        var config = OciBlobs.Create(PackageMediaTypes.Config, PackageJson.Write(Metadata, PackageJson.Sorted.ModelMetadata));
        var layers = Files.OrderBy(f => f.Key, StringComparer.Ordinal)
            .Select(f => OciBlobs.Create(PackageMediaTypes.OfFile(f.Key), f.Value,
                new Dictionary<string, string> { [PackageMediaTypes.TitleAnnotation] = f.Key }))
            .ToList();
        var annotations = new SortedDictionary<string, string>(StringComparer.Ordinal)
        {
            [PackageMediaTypes.CreatedAnnotation] = Metadata.Created.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture),
        };
        if (Metadata.Lineage.Commit is { } commit) annotations[PackageMediaTypes.RevisionAnnotation] = commit;
        var manifest = new OciManifest(config.Descriptor, [.. layers.Select(l => l.Descriptor)], PackageMediaTypes.Artifact, annotations);
        return new PackedModel(manifest.ToBlob(), config, layers);
    }

    /// <summary>
    /// The package from its blobs, after checking every digest and size — the manifest's, the config's and each
    /// layer's — and that the layers are the ones the manifest names, in its order. <paramref name="source"/> names
    /// where the blobs came from (a registry reference, a layout folder) in the error.
    /// </summary>
    public static ModelPackage Unpack(PackedModel packed, string source)
    {
        BlobCheck.Verify(packed.Manifest.Descriptor, packed.Manifest.Content.Span, "the manifest", "its descriptor", source);
        var manifest = ParseManifest(packed.Manifest.Content, source);
        var metadata = ReadMetadata(new OciBlob(manifest.Config, packed.Config.Content), source);
        if (packed.Layers.Count != manifest.Layers.Count)
            throw new ModelFormatException($"{source}: the manifest names {manifest.Layers.Count} layers but {packed.Layers.Count} were given; the package is incomplete — push it again");
        var files = new Dictionary<string, ReadOnlyMemory<byte>>(StringComparer.Ordinal);
        for (var i = 0; i < manifest.Layers.Count; i++)
        {
            var title = TitleOf(manifest.Layers[i], i, source);
            BlobCheck.Verify(manifest.Layers[i], packed.Layers[i].Content.Span, $"layer {title}", "the manifest", source);
            if (!files.TryAdd(title, packed.Layers[i].Content))
                throw new ModelFormatException($"{source}: two layers are titled {title}; a package holds each file once — package the model again");
        }
        var missing = PackageFiles.Required.Where(name => !files.ContainsKey(name)).ToList();
        if (missing.Count > 0)
            throw new ModelFormatException($"{source}: the package has no {string.Join(", ", missing)}; it cannot score without — package the model again");
        return new ModelPackage(metadata, files);
    }

    /// <summary>The metadata from the config blob alone (for listings), digest and size checked.</summary>
    public static ModelMetadata ReadMetadata(OciBlob config, string source)
    {
        BlobCheck.Verify(config.Descriptor, config.Content.Span, "the config", "the manifest", source);
        if (config.Descriptor.MediaType != PackageMediaTypes.Config)
            throw new ModelFormatException($"{source}: the config is {config.Descriptor.MediaType}, not {PackageMediaTypes.Config}; this is not a Trainyard model package");
        return PackageJson.Read<ModelMetadata>(config.Content.Span, $"{source} (config {config.Descriptor.Digest})", "model metadata",
            ModelMetadata.CurrentFormatVersion, PackageJson.Sorted.ModelMetadata);
    }

    /// <summary>The manifest, if it is a Trainyard model package's (by artifact type or config media type).</summary>
    static OciManifest ParseManifest(ReadOnlyMemory<byte> content, string source)
    {
        var manifest = OciManifest.Parse(content, source);
        if (manifest.ArtifactType != PackageMediaTypes.Artifact && manifest.Config.MediaType != PackageMediaTypes.Config)
            throw new ModelFormatException(
                $"{source}: not a Trainyard model package (artifact type {manifest.ArtifactType ?? "none"}, config {manifest.Config.MediaType}); expected {PackageMediaTypes.Artifact}");
        return manifest;
    }

    /// <summary>A layer's file name: its title annotation, a plain file name (it may become a path on disk).</summary>
    static string TitleOf(OciDescriptor layer, int index, string source)
    {
        var title = layer.Annotations?.GetValueOrDefault(PackageMediaTypes.TitleAnnotation);
        if (string.IsNullOrEmpty(title))
            throw new ModelFormatException($"{source}: layer {index} ({layer.Digest}) has no {PackageMediaTypes.TitleAnnotation} annotation naming its file");
        if (title is "." or ".." || title.IndexOfAny(['/', '\\', '\0']) >= 0)
            throw new ModelFormatException($"{source}: layer {index} is titled '{title}', which is not a plain file name");
        return title;
    }
}
