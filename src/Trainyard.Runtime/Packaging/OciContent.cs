namespace Trainyard.Runtime.Packaging;

/// <summary>
/// An OCI content descriptor: what a manifest says about one blob. The digest is <c>sha256:&lt;64 hex&gt;</c>
/// and, with the size, is checked against the bytes whenever a blob is read.
/// </summary>
internal sealed record OciDescriptor(
    string MediaType,
    string Digest,
    long Size,
    IReadOnlyDictionary<string, string>? Annotations = null,
    string? ArtifactType = null);

/// <summary>A blob with its descriptor. Model packages are megabytes, so blobs are held in memory whole.</summary>
internal sealed record OciBlob(OciDescriptor Descriptor, ReadOnlyMemory<byte> Content);

/// <summary>
/// A model package as the blobs that store it: the manifest (which names the config and layers by digest), the
/// config (the metadata) and one layer per file. A store writes the layers and config first, the manifest last,
/// so a half-written push is never visible as a version.
/// </summary>
internal sealed record PackedModel(OciBlob Manifest, OciBlob Config, IReadOnlyList<OciBlob> Layers)
{
    /// <summary>The package's identity: the manifest's digest.</summary>
    public string Digest => Manifest.Descriptor.Digest;
}
