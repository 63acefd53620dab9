using Trainyard.Runtime;
using Trainyard.Runtime.Packaging;
using Trainyard.Registry.Layout;

namespace Trainyard.Registry;

/// <summary>
/// One model's versions, aliases and alias history, on any <see cref="IOciStore"/> — the layout folder or a remote
/// registry behave the same because everything here is tags, manifests and blobs. Versions are the tags
/// <c>v1</c>, <c>v2</c>…; aliases are other tags (<see cref="AliasName"/>); the history is <see cref="AliasHistory"/>.
/// Writes (publishing, moving an alias) happen under the store's lock; reads take no lock.
/// </summary>
/// <param name="model">The model's name, which is its repository in the store (the pipeline's name).</param>
/// <param name="clock">When moves happen; tests pass their own to place moves in time.</param>
internal sealed partial class ModelRegistry(IOciStore store, string model, TimeProvider? clock = null)
{
    readonly TimeProvider _clock = clock ?? TimeProvider.System;

    public string Model => model;

    /// <summary>Where the versions are, for messages: the layout folder or the registry URL.</summary>
    public string Location => store.Location;

    /// <summary>Every version, oldest first, each with the aliases that point at it now.</summary>
    public async Task<IReadOnlyList<ModelVersion>> ListAsync(CancellationToken cancellationToken)
    {
        var tags = await store.ListTagsAsync(model, cancellationToken);
        var aliases = await AliasesByDigestAsync(tags, cancellationToken);
        var versions = new List<ModelVersion>();
        foreach (var number in VersionNumbers(tags))
            versions.Add(await ReadVersionAsync(number, await ReadVersionManifestAsync(number, cancellationToken), aliases, cancellationToken));
        return versions;
    }

    /// <summary>
    /// A version by its tag (<c>v3</c>) or by an alias that points at it (<c>production</c>); null when there is none.
    /// Reads only what it needs: for an alias, version manifests from the newest down until one matches.
    /// </summary>
    public async Task<ModelVersion?> FindAsync(string reference, CancellationToken cancellationToken)
    {
        var tags = await store.ListTagsAsync(model, cancellationToken);
        var aliases = await AliasesByDigestAsync(tags, cancellationToken);
        if (ModelVersion.NumberOf(reference) is { } number)
            return tags.Contains(reference)
                ? await ReadVersionAsync(number, await ReadVersionManifestAsync(number, cancellationToken), aliases, cancellationToken)
                : null;
        var digest = aliases.FirstOrDefault(a => a.Value.Contains(reference)).Key;
        if (digest is null) return null;
        foreach (var candidate in VersionNumbers(tags).Reverse())
            if (await ReadVersionManifestAsync(candidate, cancellationToken) is var manifest && manifest.Descriptor.Digest == digest)
                return await ReadVersionAsync(candidate, manifest, aliases, cancellationToken);
        return null;   // an alias pointing at something that is not a version
    }

    static IEnumerable<int> VersionNumbers(IEnumerable<string> tags) =>
        tags.Select(ModelVersion.NumberOf).OfType<int>().Order();

    async Task<Dictionary<string, List<string>>> AliasesByDigestAsync(IEnumerable<string> tags, CancellationToken cancellationToken)
    {
        var aliases = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        foreach (var alias in tags.Where(AliasName.IsAlias).Order(StringComparer.Ordinal))
        {
            if (await store.ReadManifestAsync(model, alias, cancellationToken) is not { } manifest) continue;
            if (!aliases.TryGetValue(manifest.Descriptor.Digest, out var named)) aliases[manifest.Descriptor.Digest] = named = [];
            named.Add(alias);
        }
        return aliases;
    }

    async Task<OciBlob> ReadVersionManifestAsync(int number, CancellationToken cancellationToken) =>
        await store.ReadManifestAsync(model, ModelVersion.TagOf(number), cancellationToken)
            ?? throw new TrainyardException($"{Source(ModelVersion.TagOf(number))}: the tag is listed but its manifest cannot be read; check the registry");

    async Task<ModelVersion> ReadVersionAsync(int number, OciBlob manifest, Dictionary<string, List<string>> aliases, CancellationToken cancellationToken) =>
        new(number, manifest.Descriptor.Digest, await ReadMetadataAsync(manifest, ModelVersion.TagOf(number), cancellationToken),
            aliases.TryGetValue(manifest.Descriptor.Digest, out var named) ? named : []);

    /// <summary>A version's package manifest: the config and the layers (one per file, titled with its name).</summary>
    public async Task<OciManifest> ReadManifestAsync(ModelVersion version, CancellationToken cancellationToken) =>
        Parse(await store.ReadManifestAsync(model, version.Digest, cancellationToken)
            ?? throw new TrainyardException($"{Source(version.Tag)}: its manifest {version.Digest} is missing from the store"), version.Tag);

    /// <summary>One file of a version's package (<c>metrics.json</c>), by its layer's title; null when the package has none.</summary>
    public async Task<ReadOnlyMemory<byte>?> ReadFileAsync(ModelVersion version, string fileName, CancellationToken cancellationToken)
    {
        var layer = (await ReadManifestAsync(version, cancellationToken)).Layers.FirstOrDefault(l => TitleOf(l) == fileName);
        return layer is null ? null : await store.ReadBlobAsync(model, layer, cancellationToken);
    }

    /// <summary>A layer's file name, from the annotation OCI tools read it from.</summary>
    public static string? TitleOf(OciDescriptor layer) => layer.Annotations?.GetValueOrDefault(PackageMediaTypes.TitleAnnotation);

    /// <summary>
    /// Deletes the blobs of this model that no tag reaches (<see cref="OciLayoutStore.CollectGarbageAsync"/>). Only the
    /// local folder is ours to clean: a remote registry collects its own garbage.
    /// </summary>
    public Task<GarbageCollection> CollectGarbageAsync(CancellationToken cancellationToken) =>
        store is OciLayoutStore layout ? layout.CollectGarbageAsync(model, cancellationToken)
            : throw new TrainyardException($"{store.Location} is a remote registry, which collects its own garbage " +
                "(docker-registry: 'registry garbage-collect'; GHCR, ECR, ACR: their retention policies); CollectGarbage cleans the local folder only");

    async Task<ModelMetadata> ReadMetadataAsync(OciBlob manifest, string tag, CancellationToken cancellationToken)
    {
        var config = Parse(manifest, tag).Config;
        var bytes = await store.ReadBlobAsync(model, config, cancellationToken);
        try
        {
            return ModelPackage.ReadMetadata(new OciBlob(config, bytes), Source(tag));
        }
        catch (ModelFormatException e)
        {
            throw new TrainyardException(e.Message, innerException: e);
        }
    }

    OciManifest Parse(OciBlob manifest, string tag)
    {
        try
        {
            return OciManifest.Parse(manifest.Content, Source(tag));
        }
        catch (ModelFormatException e)
        {
            throw new TrainyardException(e.Message, innerException: e);
        }
    }

    /// <summary><c>.trainyard/registry, credit-risk:v3</c>: where a message's subject is.</summary>
    string Source(string tag) => $"{store.Location}, {model}:{tag}";
}
