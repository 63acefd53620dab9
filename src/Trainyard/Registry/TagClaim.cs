using Trainyard.Runtime.Packaging;

namespace Trainyard.Registry;

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
