using System.Diagnostics;

namespace Trainyard.Registry;

/// <summary>
/// An exclusive lock on a file: the file opened with <see cref="FileShare.None"/>, which .NET turns into an OS lock
/// (flock on Linux and macOS, a share mode on Windows). The OS drops it when the holder exits, however it exits, so a
/// killed run never leaves the store locked, and the file is never deleted (deleting it would let a second holder
/// lock a new file while the first still holds the old one). Waiting retries with back-off and can be cancelled.
/// </summary>
internal sealed class FileLock : IAsyncDisposable
{
    readonly FileStream _held;

    FileLock(FileStream held) => _held = held;

    /// <param name="what">What the lock guards, for the message when it cannot be had (the store and the model).</param>
    /// <param name="patience">How long to wait for another holder before giving up with a message.</param>
    public static async Task<FileLock> AcquireAsync(string path, string what, TimeSpan patience, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var waited = Stopwatch.StartNew();
        var pause = TimeSpan.FromMilliseconds(10);
        while (true)
        {
            cancellationToken.ThrowIfCancellationRequested();
            try
            {
                return new FileLock(new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None, bufferSize: 1));
            }
            catch (IOException e) when (IsHeldByAnother(e))
            {
                if (waited.Elapsed >= patience)
                    throw new TrainyardException($"{what}: another run has held {path} for {patience.TotalSeconds:0} s; " +
                        "wait for it to finish (a killed run releases it at once) and try again");
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                throw new TrainyardException($"{what}: cannot open the lock file {path}: {e.Message}", innerException: e);
            }
            await Task.Delay(pause, cancellationToken);
            pause = TimeSpan.FromMilliseconds(Math.Min(pause.TotalMilliseconds * 2, 250));
        }
    }

    // What .NET reports for a file another handle holds: on Windows ERROR_SHARING_VIOLATION or ERROR_LOCK_VIOLATION,
    // elsewhere the errno of the refused flock, EWOULDBLOCK (11 on Linux, 35 on macOS and the BSDs).
    static bool IsHeldByAnother(IOException e) =>
        OperatingSystem.IsWindows() ? (e.HResult & 0xFFFF) is 32 or 33 : e.HResult == (OperatingSystem.IsLinux() ? 11 : 35);

    public ValueTask DisposeAsync()
    {
        _held.Dispose();
        return ValueTask.CompletedTask;
    }
}
