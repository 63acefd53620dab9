using System.Text.Json;
using System.Text.Json.Serialization;
using Trainyard.Runtime;
using Trainyard.Runtime.Packaging;

namespace Trainyard.Registry;

/// <summary>A container image that serves a model version: what Containerize built, and where it pushed it.</summary>
/// <param name="Reference">The image's tag, <c>ghcr.io/acme/credit-risk:v3</c>.</param>
/// <param name="ImageId">The engine's image id (the config's digest), the same on every engine that has the image.</param>
/// <param name="Digest">The manifest digest the registry answered the push with; null when the image was not pushed.</param>
internal sealed record ModelImage(string Reference, string ImageId, string? Digest, DateTimeOffset BuiltAt)
{
    /// <summary><c>ghcr.io/acme/credit-risk@sha256:…</c> once pushed: what a deployment should name.</summary>
    [JsonIgnore] public string? DigestReference => Digest is null ? null : $"{Reference[..Reference.LastIndexOf(':')]}@{Digest}";
}

internal sealed partial class ModelRegistry
{
    /// <summary>
    /// The record of a version's images is a small artifact tagged <c>v3.image</c> beside the version: its one layer
    /// lists the images, and its subject is the version's manifest. A tag rather than the version's own annotations,
    /// because a version's manifest never changes; a tag with a dot, because neither a version nor an alias has one,
    /// so listings pass it by and garbage collection keeps it. It works alike in a layout folder and a registry.
    /// </summary>
    public const string ImagesArtifactType = "application/vnd.trainyard.model-images.v1";
    const string ImagesMediaType = "application/vnd.trainyard.model-images.v1+json";

    static readonly OciBlob EmptyConfig = OciBlobs.Create("application/vnd.oci.empty.v1+json", "{}"u8.ToArray());

    static readonly JsonSerializerOptions ImagesJson = new() { PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower, WriteIndented = true };

    public static string ImagesTagOf(ModelVersion version) => version.Tag + ".image";

    /// <summary>The images recorded for <paramref name="version"/>, oldest first; empty when none was built.</summary>
    public async Task<IReadOnlyList<ModelImage>> ReadImagesAsync(ModelVersion version, CancellationToken cancellationToken)
    {
        var tag = ImagesTagOf(version);
        if (await store.ReadManifestAsync(model, tag, cancellationToken) is not { } blob) return [];
        var manifest = Parse(blob, tag);
        if (manifest.ArtifactType != ImagesArtifactType || manifest.Layers.Count != 1)
            throw new TrainyardException($"{Source(tag)}: the tag names a {manifest.ArtifactType ?? manifest.Config.MediaType}, not Trainyard's image record; " +
                $"the tag is reserved for Containerize — remove it and run Containerize again");
        var content = await store.ReadBlobAsync(model, manifest.Layers[0], cancellationToken);
        try
        {
            return JsonSerializer.Deserialize<List<ModelImage>>(content.Span, ImagesJson) ?? [];
        }
        catch (JsonException e)
        {
            throw new TrainyardException($"{Source(tag)}: the image record is not valid JSON ({e.Message}); remove the tag and run Containerize again", innerException: e);
        }
    }

    /// <summary>Adds <paramref name="image"/> to the version's record, replacing an earlier one with the same reference.</summary>
    public async Task RecordImageAsync(ModelVersion version, ModelImage image, CancellationToken cancellationToken)
    {
        await using var held = await store.LockAsync(model, cancellationToken);
        var subject = await store.ReadManifestAsync(model, version.Digest, cancellationToken)
            ?? throw new TrainyardException($"{Source(version.Tag)}: its manifest {version.Digest} is missing from the store");
        List<ModelImage> images = [.. (await ReadImagesAsync(version, cancellationToken)).Where(i => i.Reference != image.Reference), image];
        var record = OciBlobs.Create(ImagesMediaType, JsonSerializer.SerializeToUtf8Bytes(images, ImagesJson));
        await store.PushBlobAsync(model, EmptyConfig, cancellationToken);
        await store.PushBlobAsync(model, record, cancellationToken);
        var manifest = new OciManifest(EmptyConfig.Descriptor, [record.Descriptor], ImagesArtifactType,
            Subject: subject.Descriptor with { Annotations = null, ArtifactType = PackageMediaTypes.Artifact });
        await store.PushManifestAsync(model, manifest.ToBlob(), ImagesTagOf(version), cancellationToken);
    }

    /// <summary>A version's whole package, every blob checked against its digest: what Containerize bakes into the image.</summary>
    public async Task<ModelPackage> ReadPackageAsync(ModelVersion version, CancellationToken cancellationToken)
    {
        var manifestBlob = await store.ReadManifestAsync(model, version.Digest, cancellationToken)
            ?? throw new TrainyardException($"{Source(version.Tag)}: its manifest {version.Digest} is missing from the store");
        var manifest = Parse(manifestBlob, version.Tag);
        var config = new OciBlob(manifest.Config, await store.ReadBlobAsync(model, manifest.Config, cancellationToken));
        var layers = new List<OciBlob>(manifest.Layers.Count);
        foreach (var layer in manifest.Layers) layers.Add(new OciBlob(layer, await store.ReadBlobAsync(model, layer, cancellationToken)));
        try
        {
            return ModelPackage.Unpack(new PackedModel(manifestBlob, config, layers), $"{store.Location}, {model}:{version.Tag}");
        }
        catch (ModelFormatException e)
        {
            throw new TrainyardException(e.Message, innerException: e);
        }
    }
}
