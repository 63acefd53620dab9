namespace Trainyard.Data.Scanning;

/// <summary>
/// The first error of a parallel scan, in file order. Once a chunk fails, later chunks are skipped but earlier ones
/// still finish, so the error reported is the one a sequential reader would have hit first, whatever the timing.
/// </summary>
internal sealed class ScanFailure
{
    private readonly object _gate = new();
    private int _chunkIndex = int.MaxValue;
    private Exception? _exception;

    public bool Skips(int chunkIndex) => chunkIndex > Volatile.Read(ref _chunkIndex);

    public bool HasFailed => Volatile.Read(ref _chunkIndex) != int.MaxValue;

    public void Record(int chunkIndex, Exception exception)
    {
        lock (_gate)
        {
            if (chunkIndex >= _chunkIndex) return;
            _exception = exception;
            Volatile.Write(ref _chunkIndex, chunkIndex);
        }
    }

    public void ThrowIfFailed()
    {
        if (_exception is not null) System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(_exception);
    }
}
