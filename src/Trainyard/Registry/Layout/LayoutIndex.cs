using Trainyard.Runtime;
using Trainyard.Runtime.Packaging;

namespace Trainyard.Registry.Layout;

/// <summary>
/// The store's use of a layout's <c>index.json</c> (<see cref="OciIndex"/>, written by <see cref="OciImageLayout"/>):
/// read without a lock, since it is only ever replaced whole by rename; changed under a short lock of its own, so
/// two tag writes never lose one another whoever calls them.
/// </summary>
internal static class LayoutIndex
{
    public static readonly OciIndex Empty = new([]);

    public static OciDescriptor? Find(this OciIndex index, string tag) => index.Manifests.LastOrDefault(m => OciIndex.TagOf(m) == tag);

    public static IEnumerable<string> TagNames(this OciIndex index) => index.Manifests.Select(OciIndex.TagOf).OfType<string>().Distinct();

    /// <summary>The index with <paramref name="tag"/> naming <paramref name="manifest"/>, and nothing else.</summary>
    public static OciIndex WithTag(this OciIndex index, string tag, OciDescriptor manifest) => index with
    {
        Manifests = [.. index.Manifests.Where(m => OciIndex.TagOf(m) != tag),
            manifest with { Annotations = new Dictionary<string, string> { [OciIndex.RefNameAnnotation] = tag } }],
    };

    public static async Task<OciIndex> ReadAsync(string layout, CancellationToken cancellationToken)
    {
        var path = Path.Combine(layout, OciImageLayout.IndexFile);
        if (!File.Exists(path)) return Empty;
        try
        {
            return OciIndex.Parse(await File.ReadAllBytesAsync(path, cancellationToken), path);
        }
        catch (ModelFormatException e)
        {
            throw new TrainyardException($"{e.Message}; restore it from a backup", innerException: e);
        }
    }

    /// <summary>Reads, changes and atomically replaces index.json, holding the index lock for just that long.</summary>
    public static async Task UpdateAsync(string layout, string what, Func<OciIndex, OciIndex> change, CancellationToken cancellationToken)
    {
        await using var held = await FileLock.AcquireAsync(Path.Combine(layout, OciImageLayout.IndexFile + ".lock"), what, TimeSpan.FromMinutes(1), cancellationToken);
        await OciImageLayout.WriteIndexAsync(layout, change(await ReadAsync(layout, cancellationToken)), cancellationToken);
    }

    /// <summary>Makes the folder a layout (oci-layout, blobs/sha256/, an empty index.json) if it is not one yet.</summary>
    public static async Task CreateAsync(string layout, string what, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(Path.Combine(layout, "blobs", "sha256"));
        if (!File.Exists(Path.Combine(layout, OciImageLayout.IndexFile)) || !File.Exists(Path.Combine(layout, OciImageLayout.LayoutFile)))
            await UpdateAsync(layout, what, index => index, cancellationToken);
    }
}
