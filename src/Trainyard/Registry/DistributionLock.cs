using Trainyard.IO;

namespace Trainyard.Registry;

/// <summary>
/// A remote repository's lock on this machine: a file in the temp folder named by a hash of the registry URL and
/// repository, held open exclusively (an OS file lock, so a crashed holder releases it). Two runs on this machine
/// take turns; runs on other machines are not seen, which is why the model registry reads its tag writes back.
/// The file is left behind: deleting it on release would let a waiter lock a file no longer at the path.
/// </summary>
internal static class DistributionLock
{
    static readonly TimeSpan Poll = TimeSpan.FromMilliseconds(50);

    public static async Task<IAsyncDisposable> AcquireAsync(string key, CancellationToken cancellationToken)
    {
        var directory = Path.Combine(Path.GetTempPath(), "trainyard-registry-locks");
        Directory.CreateDirectory(directory);
        var path = Path.Combine(directory, ContentHash.Of(key)[..32] + ".lock");
        while (true)
        {
            cancellationToken.ThrowIfCancellationRequested();
            try
            {
                return new Held(new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None));
            }
            catch (IOException) when (File.Exists(path))
            {
                // Another run holds it.
                await Task.Delay(Poll, cancellationToken).ConfigureAwait(false);
            }
        }
    }

    sealed class Held(FileStream file) : IAsyncDisposable
    {
        public ValueTask DisposeAsync() => file.DisposeAsync();
    }
}
