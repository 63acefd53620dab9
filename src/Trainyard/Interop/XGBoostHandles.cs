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

/// <summary>Owns one XGBoost <c>BoosterHandle</c>; freed with <c>XGBoosterFree</c> exactly once.</summary>
internal sealed class BoosterHandle : SafeHandleZeroOrMinusOneIsInvalid
{
    public BoosterHandle() : base(ownsHandle: true)
    {
    }

    protected override bool ReleaseHandle() => XGBoostNative.XGBoosterFree(handle) == 0;
}

/// <summary>
/// The raw handles of several matrices for the C functions that take an array of them, each kept alive (its
/// SafeHandle reference count raised) until this is disposed, so none can be freed while XGBoost reads it.
/// </summary>
internal readonly struct NativeHandleArray : IDisposable
{
    private readonly DMatrixHandle[] owners;

    public NativeHandleArray(IReadOnlyList<DMatrix> matrices)
    {
        owners = matrices.Select(m => m.Handle).ToArray();
        Handles = new nint[owners.Length];
        var added = 0;
        try
        {
            for (; added < owners.Length; added++)
            {
                var success = false;
                owners[added].DangerousAddRef(ref success);
                Handles[added] = owners[added].DangerousGetHandle();
            }
        }
        catch
        {
            for (var i = 0; i < added; i++) owners[i].DangerousRelease();
            throw;
        }
    }

    /// <summary>The handles, to pin and pass as <c>DMatrixHandle[]</c>.</summary>
    public nint[] Handles { get; }

    public void Dispose()
    {
        foreach (var owner in owners) owner.DangerousRelease();
    }
}
