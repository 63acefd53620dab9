namespace Trainyard.Serving;

/// <summary>
/// An append-only file of whole lines bounded in size: past <c>maxBytes</c> it becomes <c>path.1</c> (older ones
/// <c>path.2</c> …), keeping <c>files</c> files in all. Written without a buffer of its own, so each append is one
/// write of whole lines and nothing is left half-written in memory when the process dies.
/// </summary>
internal sealed class RotatingFile(string path, long maxBytes, int files) : IDisposable
{
    FileStream _stream = Open(path);

    public string Path => path;

    public bool WouldOverflow(long appended) => _stream.Length > 0 && _stream.Length + appended > maxBytes;

    public async Task AppendAsync(ReadOnlyMemory<byte> wholeLines) => await _stream.WriteAsync(wholeLines);

    /// <summary>Moves the current file to <c>path.1</c>, shifting the older ones and deleting the oldest, and starts an empty one.</summary>
    public void Rotate()
    {
        _stream.Dispose();
        if (files == 1) File.Delete(path);
        else
        {
            File.Delete($"{path}.{files - 1}");
            for (var i = files - 2; i >= 1; i--)
                if (File.Exists($"{path}.{i}")) File.Move($"{path}.{i}", $"{path}.{i + 1}");
            File.Move(path, $"{path}.1");
        }
        _stream = Open(path);
    }

    /// <summary>Opens for appending; a torn last line (a killed process's cut-short write, or a machine crash) is cut so every line parses.</summary>
    static FileStream Open(string path)
    {
        var stream = new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.Read, bufferSize: 0, FileOptions.Asynchronous);
        var end = stream.Length;
        var last = new byte[1];
        while (end > 0)
        {
            stream.Position = end - 1;
            if (stream.Read(last) == 1 && last[0] == (byte)'\n') break;
            end--;
        }
        if (end != stream.Length) stream.SetLength(end);
        stream.Position = end;
        return stream;
    }

    public void Dispose() => _stream.Dispose();
}
