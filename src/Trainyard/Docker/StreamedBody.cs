using System.IO.Pipelines;
using System.Runtime.ExceptionServices;

namespace Trainyard.Docker;

/// <summary>
/// A request body that a writer (a build context, a root filesystem) fills while the request sends it: the
/// library takes a Stream to read, so the writer writes into a pipe whose other end is that Stream. The pipe holds
/// at most 64 KiB before the writer waits, so a context of any size never sits in memory whole.
/// </summary>
internal static class StreamedBody
{
    public static async Task SendAsync(string operation, Func<Stream, CancellationToken, Task> write, Func<Stream, Task> send, CancellationToken ct)
    {
        var pipe = new Pipe();
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(ct);
        var writer = Task.Run(async () =>
        {
            try
            {
                await write(pipe.Writer.AsStream(leaveOpen: true), stop.Token).ConfigureAwait(false);
                await pipe.Writer.CompleteAsync().ConfigureAwait(false);
            }
            catch (Exception e)
            {
                await pipe.Writer.CompleteAsync(e).ConfigureAwait(false); // the request's read fails with it
                throw;
            }
        }, CancellationToken.None);
        try
        {
            await using var body = pipe.Reader.AsStream();
            await send(body).ConfigureAwait(false);
        }
        catch when (!ct.IsCancellationRequested)
        {
            // The writer's own failure (e.g. "model.json is missing") is the cause, not the transport's wrapper of it.
            switch (await WriterFailureAsync(writer, stop, pipe).ConfigureAwait(false))
            {
                case TrainyardException expected: ExceptionDispatchInfo.Throw(expected); break;
                case { } other: throw new DockerException($"{operation}: writing the request body failed: {other.Message}", other);
            }
            throw;
        }
        finally
        {
            await WriterFailureAsync(writer, stop, pipe).ConfigureAwait(false);
        }
    }

    /// <summary>Stops the writer if it still runs and returns what it failed with, unless that was being stopped.</summary>
    static async Task<Exception?> WriterFailureAsync(Task writer, CancellationTokenSource stop, Pipe pipe)
    {
        if (!writer.IsCompleted)
        {
            await stop.CancelAsync().ConfigureAwait(false);
            await pipe.Reader.CompleteAsync().ConfigureAwait(false);
        }
        try
        {
            await writer.ConfigureAwait(false);
            return null;
        }
        catch (OperationCanceledException)
        {
            return null;
        }
        catch (Exception e)
        {
            return e;
        }
    }
}
