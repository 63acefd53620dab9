namespace Trainyard.Runtime.Packaging;

/// <summary>A package in an OCI image layout folder: what the model server loads, and what Containerize copies into an image.</summary>
internal sealed partial record ModelPackage
{
    /// <summary>
    /// Reads the package a tag or digest (<c>sha256:…</c>) names in an OCI image layout folder, checking the
    /// manifest, config and every layer against their digests; a missing, truncated or altered blob is refused.
    /// </summary>
    public static async Task<ModelPackage> LoadAsync(string layoutDirectory, string reference, CancellationToken cancellationToken)
    {
        var layout = await OciImageLayout.OpenAsync(layoutDirectory, cancellationToken);
        var source = reference.StartsWith("sha256:", StringComparison.Ordinal) ? $"{layoutDirectory}@{reference}" : $"{layoutDirectory}:{reference}";
        var descriptor = layout.Resolve(reference);
        if (descriptor.MediaType != OciManifest.MediaTypeName)
            throw new ModelFormatException($"{source}: names a {descriptor.MediaType}, not an OCI image manifest; a model package is one manifest");
        var manifestContent = await layout.ReadBlobAsync(descriptor, "the manifest", OciImageLayout.IndexFile, source, cancellationToken);
        var manifest = ParseManifest(manifestContent, source);
        var config = await layout.ReadBlobAsync(manifest.Config, "the config", "the manifest", source, cancellationToken);
        var layers = new List<OciBlob>(manifest.Layers.Count);
        for (var i = 0; i < manifest.Layers.Count; i++)
        {
            var layer = manifest.Layers[i];
            layers.Add(new OciBlob(layer, await layout.ReadBlobAsync(layer, $"layer {TitleOf(layer, i, source)}", "the manifest", source, cancellationToken)));
        }
        return Unpack(new PackedModel(new OciBlob(descriptor, manifestContent), new OciBlob(manifest.Config, config), layers), source);
    }

    /// <summary>
    /// Writes this package alone into an OCI image layout folder under <paramref name="tag"/>. The layout is built
    /// beside the folder and moved into place, so a reader sees the old layout or the whole new one; a folder that
    /// holds other files and is not a layout is left alone and refused.
    /// </summary>
    public async Task ExportAsync(string layoutDirectory, string tag, CancellationToken cancellationToken)
    {
        if (!Registry.DistributionGrammar.IsTag(tag))
            throw new ModelFormatException($"'{tag}' is not a valid tag: up to 128 letters, digits, '_', '.' and '-', not starting with '.' or '-'");
        var target = Path.TrimEndingDirectorySeparator(Path.GetFullPath(layoutDirectory));
        if (Directory.Exists(target) && Directory.EnumerateFileSystemEntries(target).Any() && !System.IO.File.Exists(Path.Combine(target, OciImageLayout.LayoutFile)))
            throw new ModelFormatException($"{layoutDirectory}: the folder holds files and is not an OCI image layout; export into a new or empty folder");

        var packed = Pack();
        var staging = Path.Combine(Path.GetDirectoryName(target)!, $".{Path.GetFileName(target)}.{Guid.NewGuid():N}.tmp");
        try
        {
            foreach (var blob in new[] { packed.Config, packed.Manifest }.Concat(packed.Layers))
                await OciImageLayout.WriteBlobAsync(staging, blob, cancellationToken);
            var entry = packed.Manifest.Descriptor with { Annotations = new Dictionary<string, string> { [OciIndex.RefNameAnnotation] = tag } };
            await OciImageLayout.WriteIndexAsync(staging, new OciIndex([entry]), cancellationToken);
            MoveIntoPlace(staging, target);
        }
        finally
        {
            if (Directory.Exists(staging)) Directory.Delete(staging, recursive: true);
        }
    }

    static void MoveIntoPlace(string staging, string target)
    {
        if (!Directory.Exists(target)) { Directory.Move(staging, target); return; }
        var old = $"{target}.{Guid.NewGuid():N}.old";
        Directory.Move(target, old);
        Directory.Move(staging, target);
        Directory.Delete(old, recursive: true);
    }
}
