using System.Formats.Tar;

namespace Trainyard.Docker;

/// <summary>
/// Writes a build context (or root filesystem) tar straight to a stream, entry by entry: nothing is buffered
/// whole. PAX format, so long names and large files need no special care. Leaves the destination open.
/// </summary>
internal sealed class TarContext(Stream destination) : IAsyncDisposable
{
    // Fixed times and owners: the same content gives the same tar, so the engine's build cache can hit.
    static readonly DateTimeOffset Epoch = DateTimeOffset.FromUnixTimeSeconds(0);
    readonly TarWriter _writer = new(destination, TarEntryFormat.Pax, leaveOpen: true);

    public Task AddFileAsync(string name, byte[] content, int mode = 0b110_100_100, CancellationToken ct = default) =>
        AddFileAsync(name, new MemoryStream(content, writable: false), mode, ct);

    /// <summary>Adds a file; a seekable stream's length is read, a non-seekable one is buffered by TarWriter to learn it.</summary>
    public Task AddFileAsync(string name, Stream content, int mode = 0b110_100_100, CancellationToken ct = default) =>
        WriteAsync(new PaxTarEntry(TarEntryType.RegularFile, name) { DataStream = content }, mode, ct);

    public Task AddDirectoryAsync(string name, int mode = 0b111_101_101, CancellationToken ct = default) =>
        WriteAsync(new PaxTarEntry(TarEntryType.Directory, name.EndsWith('/') ? name : name + "/"), mode, ct);

    /// <summary>A directory owned by a user and group id, e.g. an app user's home.</summary>
    public Task AddDirectoryAsync(string name, int mode, int ownerId, CancellationToken ct) =>
        WriteAsync(new PaxTarEntry(TarEntryType.Directory, name.EndsWith('/') ? name : name + "/"), mode, ct, ownerId);

    public Task AddSymbolicLinkAsync(string name, string target, CancellationToken ct = default) =>
        WriteAsync(new PaxTarEntry(TarEntryType.SymbolicLink, name) { LinkName = target }, 0b111_111_111, ct);

    Task WriteAsync(PaxTarEntry entry, int mode, CancellationToken ct, int ownerId = 0)
    {
        entry.Mode = (UnixFileMode)mode;
        entry.ModificationTime = Epoch;
        entry.Uid = ownerId;
        entry.Gid = ownerId;
        return _writer.WriteEntryAsync(entry, ct);
    }

    public ValueTask DisposeAsync() => _writer.DisposeAsync();
}
