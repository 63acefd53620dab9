using Trainyard.Runtime;
using Trainyard.Runtime.Packaging;

namespace Trainyard.Registry;

/// <summary>What publishing a package did: made <see cref="Version"/>, or found that it already holds this model.</summary>
internal sealed record Publication(ModelVersion Version, bool Unchanged);

internal sealed partial class ModelRegistry
{
    /// <summary>
    /// Publishes a package as the next version and points <c>candidate</c> at it — unless a version with the same
    /// content key exists, which is returned instead. Under the store's lock: the layers and config are pushed first,
    /// the manifest last with its <c>vN</c> tag, so a push killed halfway leaves only blobs no tag reaches (invisible,
    /// and completed by the retry). The number is one above every number the tags or the history have ever shown,
    /// so numbers are never reused; a tag another machine wrote first sends us to the next number.
    /// </summary>
    public async Task<Publication> PublishAsync(PackedModel package, string who, CancellationToken cancellationToken)
    {
        var metadata = ReadPackageMetadata(package);
        await using var held = await store.LockAsync(model, cancellationToken);

        var versions = await ListAsync(cancellationToken);
        var history = await AliasHistory.ReadAsync(store, model, cancellationToken);
        if (versions.FirstOrDefault(v => v.Metadata.ContentKey == metadata.ContentKey) is { } same)
        {
            // Tagged but never made candidate: a publish killed between its two writes, which this run finishes.
            if (!history.Moves.Any(m => m.Alias == AliasName.Candidate && m.To == same.Digest))
                return new Publication(await MakeCandidateAsync(same, versions, who, cancellationToken), Unchanged: true);
            return new Publication(same, Unchanged: true);
        }

        foreach (var layer in package.Layers) await store.PushBlobAsync(model, layer, cancellationToken);
        await store.PushBlobAsync(model, package.Config, cancellationToken);

        var number = versions.Select(v => v.Number)
            .Concat(history.Moves.Select(m => ModelVersion.NumberOf(m.Version) ?? 0))
            .DefaultIfEmpty(0).Max() + 1;
        for (var attempt = 0; ; attempt++, number++)
        {
            if (attempt == TagClaim.Attempts)
                throw new TrainyardException($"{store.Location}, {model}: could not claim a version number: every number from v{number - attempt} on " +
                    "was taken by another run while this one tried; retry when the other runs have finished");
            var tag = ModelVersion.TagOf(number);
            if (await store.ReadManifestAsync(model, tag, cancellationToken) is not null) continue;   // never re-point a version
            if (await TagClaim.TryAsync(store, model, package.Manifest, tag, cancellationToken)) break;
        }

        var version = new ModelVersion(number, package.Digest, metadata, []);
        return new Publication(await MakeCandidateAsync(version, [.. versions, version], who, cancellationToken), Unchanged: false);
    }

    /// <summary>
    /// The version that already holds a package with this content key and was made candidate when published: what
    /// <see cref="PublishAsync"/> would return unchanged without writing. Null when publishing would write something.
    /// </summary>
    public async Task<ModelVersion?> FindPublishedAsync(string contentKey, CancellationToken cancellationToken)
    {
        var versions = await ListAsync(cancellationToken);
        if (versions.FirstOrDefault(v => v.Metadata.ContentKey == contentKey) is not { } same) return null;
        var history = await AliasHistory.ReadAsync(store, model, cancellationToken);
        return history.Moves.Any(m => m.Alias == AliasName.Candidate && m.To == same.Digest) ? same : null;
    }

    async Task<ModelVersion> MakeCandidateAsync(ModelVersion version, IReadOnlyList<ModelVersion> versions, string who, CancellationToken cancellationToken)
    {
        await MoveLockedAsync(AliasName.Candidate, version, versions, $"published {version.Tag}", who, kind: null, verdict: null, cancellationToken);
        return version with { Aliases = [.. version.Aliases.Append(AliasName.Candidate).Distinct().Order(StringComparer.Ordinal)] };
    }

    ModelMetadata ReadPackageMetadata(PackedModel package)
    {
        ModelMetadata metadata;
        try
        {
            metadata = ModelPackage.ReadMetadata(package.Config, $"the {model} package");
        }
        catch (ModelFormatException e)
        {
            throw new TrainyardException(e.Message, innerException: e);
        }
        if (metadata.Name != model)
            throw new TrainyardException($"the package is model '{metadata.Name}', but this registry repository is '{model}'; publish it under its own name");
        return metadata;
    }
}

/// <summary>
/// Writing a tag that someone else may write at the same moment. A store's lock only covers this machine, and a
/// registry's tag write is last-writer-wins, so the writer reads the tag back: if it names another manifest, another
/// machine won, and the caller tries again with what that machine wrote in mind.
/// </summary>
internal static class TagClaim
{
    /// <summary>Points <paramref name="tag"/> at <paramref name="manifest"/>; true when reading it back shows ours.</summary>
    public static async Task<bool> TryAsync(IOciStore store, string repository, OciBlob manifest, string tag, CancellationToken cancellationToken)
    {
        await store.PushManifestAsync(repository, manifest, tag, cancellationToken);
        var written = await store.ReadManifestAsync(repository, tag, cancellationToken);
        return written?.Descriptor.Digest == manifest.Descriptor.Digest;
    }

    /// <summary>How often a claim is retried before giving up: far more than two machines racing ever need.</summary>
    public const int Attempts = 20;
}
