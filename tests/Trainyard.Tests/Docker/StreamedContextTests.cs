using Trainyard.Docker;

namespace Trainyard.Tests.Docker;

[Collection(DockerEngineCollection.Name)]
public sealed class StreamedContextTests(PrivateDockerEngine docker)
{
    const long ContextFileSize = 200L * 1024 * 1024;

    /// <summary>
    /// A 200 MB context file generated while it is written. Halfway through, the writer waits until the engine has
    /// unpacked at least 64 MB of it into its data root: that can only happen if the body goes out while
    /// writeContext is still running, not after it was buffered whole.
    /// </summary>
    [Fact]
    public async Task ALargeContextReachesTheEngineWhileItIsStillBeingWritten()
    {
        var dataRoot = docker.DataRoot ?? throw SkipNotPossible();
        var baseImage = await TestBaseImage.EnsureAsync(docker.Engine, default);
        var seenByEngine = 0L;
        var content = new ZeroStream(ContextFileSize, position =>
        {
            if (position < ContextFileSize / 2 || seenByEngine > 0) return;
            var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(20);
            while ((seenByEngine = UnpackedBytes(dataRoot)) < 64L * 1024 * 1024)
            {
                if (DateTime.UtcNow > deadline) throw new TimeoutException($"the engine had {seenByEngine} bytes of the context after half was written: the body is not streamed");
                Thread.Sleep(50);
            }
        });
        var id = await docker.Engine.BuildImageAsync(new ImageBuild([]), async (stream, ct) =>
        {
            await using var tar = new TarContext(stream);
            await tar.AddFileAsync("Dockerfile", System.Text.Encoding.UTF8.GetBytes($"FROM {baseImage}\nLABEL large-context=1\n"), ct: ct);
            await tar.AddFileAsync("zeros.bin", content, ct: ct);
        }, _ => { }, default);
        Assert.Matches("^sha256:", id);
        Assert.InRange(seenByEngine, 64L * 1024 * 1024, ContextFileSize);
    }

    // The classic builder unpacks the context under <data-root>/tmp/docker-builder*/ as it arrives.
    static long UnpackedBytes(string dataRoot)
    {
        try
        {
            return Directory.EnumerateFiles(Path.Combine(dataRoot, "tmp"), "*", SearchOption.AllDirectories)
                .Sum(f => { try { return new FileInfo(f).Length; } catch (IOException) { return 0; } });
        }
        catch (DirectoryNotFoundException) { return 0; }
    }

    static InvalidOperationException SkipNotPossible() =>
        new($"this test looks into the engine's data root, so it needs the engine started here: unset {PrivateDockerEngine.ExternalVariable}");

    /// <summary>Zeros of a fixed length, made as read (seekable, so the tar header knows the size); reports each read's position.</summary>
    sealed class ZeroStream(long length, Action<long> onRead) : Stream
    {
        long _position;
        public override bool CanRead => true;
        public override bool CanSeek => true;
        public override bool CanWrite => false;
        public override long Length => length;
        public override long Position { get => _position; set => _position = value; }

        public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

        public override int Read(Span<byte> buffer)
        {
            onRead(_position);
            var n = (int)Math.Min(buffer.Length, length - _position);
            buffer[..n].Clear();
            _position += n;
            return n;
        }

        public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken ct = default) => new(Read(buffer.Span));
        public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken ct) => Task.FromResult(Read(buffer, offset, count));
        public override long Seek(long offset, SeekOrigin origin) => _position = origin switch
        {
            SeekOrigin.Begin => offset, SeekOrigin.Current => _position + offset, _ => length + offset,
        };
        public override void Flush() { }
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
