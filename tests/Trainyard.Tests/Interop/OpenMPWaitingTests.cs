using Trainyard.Interop;

namespace Trainyard.Tests.Interop;

public sealed class OpenMPWaitingTests
{
    [Fact]
    public void LibgompSeesTheUsersSpinCountOrNoneOrTheShortOne()
    {
        XGBoostLibrary.Version(); // loads libxgboost, configuring OpenMP's waiting first

        var spinCount = Environment.GetEnvironmentVariable(OpenMPWaiting.SpinCountVariable);
        var seen = OpenMPWaiting.NativeValue(OpenMPWaiting.SpinCountVariable);
        if (spinCount is not null) Assert.Equal(spinCount, seen);
        else Assert.Contains(seen, new string?[] { null, OpenMPWaiting.ShortSpinCount });
    }

    [Fact]
    public void OtherRunnableTasksAreCountedWhileAThreadSpins()
    {
        using var stop = new CancellationTokenSource();
        var spinners = Enumerable.Range(0, Environment.ProcessorCount + 1)
            .Select(_ => new Thread(() => { while (!stop.IsCancellationRequested) { } }) { IsBackground = true }).ToList();
        spinners.ForEach(t => t.Start());
        try
        {
            Assert.True(OpenMPWaiting.OtherRunnableTasks() >= 1);
        }
        finally
        {
            stop.Cancel();
            spinners.ForEach(t => t.Join());
        }
    }
}
