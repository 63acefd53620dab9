namespace Trainyard.Interop;

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
