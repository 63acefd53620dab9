using Microsoft.Win32.SafeHandles;

namespace Trainyard.Interop;

/// <summary>Owns one XGBoost <c>BoosterHandle</c>; freed with <c>XGBoosterFree</c> exactly once.</summary>
internal sealed class BoosterHandle : SafeHandleZeroOrMinusOneIsInvalid
{
    public BoosterHandle() : base(ownsHandle: true)
    {
    }

    protected override bool ReleaseHandle() => XGBoostNative.XGBoosterFree(handle) == 0;
}
