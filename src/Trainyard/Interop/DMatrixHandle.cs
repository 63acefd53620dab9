using Microsoft.Win32.SafeHandles;

namespace Trainyard.Interop;

/// <summary>Owns one XGBoost <c>DMatrixHandle</c>; freed with <c>XGDMatrixFree</c> exactly once.</summary>
internal sealed class DMatrixHandle : SafeHandleZeroOrMinusOneIsInvalid
{
    public DMatrixHandle() : base(ownsHandle: true)
    {
    }

    protected override bool ReleaseHandle() => XGBoostNative.XGDMatrixFree(handle) == 0;
}
