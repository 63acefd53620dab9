namespace Trainyard.Benchmarks;

/// <summary>
/// A fixed, reproducible competitor for the CPU: <c>N</c> threads that spin (no memory traffic, no system calls)
/// from before a measured run until after it, the same for either side, so "under contention" means the same thing
/// from run to run instead of whatever the other users of the machine happen to be doing.
/// </summary>
internal sealed class BackgroundLoad : IDisposable
{
    private readonly Thread[] spinners;
    private volatile bool stopped;

    private BackgroundLoad(int threads)
    {
        spinners = Enumerable.Range(0, threads).Select(i => new Thread(Spin) { IsBackground = true, Name = $"background load {i}" }).ToArray();
        foreach (var spinner in spinners) spinner.Start();
    }

    /// <summary>Starts <paramref name="threads"/> spinning threads; none when 0.</summary>
    public static BackgroundLoad Start(int threads) => new(threads);

    private void Spin()
    {
        var sum = 0L;
        while (!stopped) sum++;
        GC.KeepAlive(sum);
    }

    public void Dispose()
    {
        stopped = true;
        foreach (var spinner in spinners) spinner.Join();
    }
}
