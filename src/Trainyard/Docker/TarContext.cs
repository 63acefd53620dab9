using System.Formats.Tar;

namespace Trainyard.Docker;

/// <summary>
/// Writes a build context (or root filesystem) tar straight to a stream, entry by entry: nothing is buffered
/// whole. PAX format, so long names and large files need no special care.
/// </summary>
internal sealed class TarContext(Stream destination) : IAsyncDisposable
{
    private readonly TarWriter _writer = new(destination, TarEntryFormat.Pax, leaveOpen: true);

    public Task AddFileAsync(string name, byte[] content, int mode = 0b110_100_100, CancellationToken ct = default) =>
        throw new NotImplementedException();

    public Task AddFileAsync(string name, Stream content, int mode = 0b110_100_100, CancellationToken ct = default) =>
        throw new NotImplementedException();

    public Task AddDirectoryAsync(string name, int mode = 0b111_101_101, CancellationToken ct = default) =>
        throw new NotImplementedException();

    public ValueTask DisposeAsync() => _writer.DisposeAsync();
}
