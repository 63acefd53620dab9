using Trainyard.Interop;

namespace Trainyard.Tests.Interop;

public sealed class OpenMPWaitingTests
{
    [Fact]
    public void LibgompSeesAShortSpinCountOnceXGBoostIsLoadedUnlessTheUserChoseOne()
    {
        XGBoostLibrary.Version(); // loads libxgboost, configuring OpenMP's waiting first

        var spinCount = Environment.GetEnvironmentVariable(OpenMPWaiting.SpinCountVariable);
        var waitPolicy = Environment.GetEnvironmentVariable(OpenMPWaiting.WaitPolicyVariable);
        var expected = spinCount ?? (waitPolicy is null ? OpenMPWaiting.SpinCount : null);
        Assert.Equal(expected, OpenMPWaiting.NativeValue(OpenMPWaiting.SpinCountVariable));
    }
}
