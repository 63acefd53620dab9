using System.Runtime.InteropServices;

namespace Trainyard.Interop;

/// <summary>
/// One XGBoost model being trained or loaded. Not thread-safe: XGBoost's booster isn't, and its error text is
/// per thread, so one booster is used from one thread at a time.
/// </summary>
internal sealed partial class Booster : IDisposable
{
    private readonly BoosterHandle handle;

    private Booster(BoosterHandle handle) => this.handle = handle;

    /// <summary>A new booster that caches predictions for <paramref name="matrices"/> (the training and evaluation sets).</summary>
    public static unsafe Booster Create(IReadOnlyList<DMatrix> matrices)
    {
        using var array = new NativeHandleArray(matrices);
        BoosterHandle handle;
        fixed (nint* pointers = array.Handles)
        {
            XGBoostError.Check(XGBoostNative.XGBoosterCreate(pointers, (ulong)array.Handles.Length, out handle),
                nameof(XGBoostNative.XGBoosterCreate));
        }
        return new Booster(handle);
    }

    /// <summary>A booster holding a model saved by <see cref="SaveJson"/> (or by any XGBoost as JSON or UBJSON).</summary>
    public static unsafe Booster Load(ReadOnlySpan<byte> model)
    {
        var booster = Create([]);
        try
        {
            fixed (byte* buffer = model)
            {
                XGBoostError.Check(XGBoostNative.XGBoosterLoadModelFromBuffer(booster.handle, buffer, (ulong)model.Length),
                    nameof(XGBoostNative.XGBoosterLoadModelFromBuffer));
            }
            return booster;
        }
        catch
        {
            booster.Dispose();
            throw;
        }
    }

    public void SetParameter(string name, string value) =>
        XGBoostError.Check(XGBoostNative.XGBoosterSetParam(handle, name, value), nameof(XGBoostNative.XGBoosterSetParam));

    /// <summary>
    /// Names the model's features. XGBoost does not always take them from the training matrix (not when it is the
    /// only matrix in the cache), so they are set here, as Python's Booster does for every matrix it is given.
    /// </summary>
    public void SetFeatureNames(IReadOnlyList<string> names)
    {
        var array = names.ToArray();
        XGBoostError.Check(XGBoostNative.XGBoosterSetStrFeatureInfo(handle, "feature_name", array, (ulong)array.Length),
            nameof(XGBoostNative.XGBoosterSetStrFeatureInfo));
    }

    /// <summary>Boosts one round (<paramref name="iteration"/> counts from 0) on <paramref name="training"/>.</summary>
    public void UpdateOneIteration(int iteration, DMatrix training) =>
        XGBoostError.Check(XGBoostNative.XGBoosterUpdateOneIter(handle, iteration, training.Handle),
            nameof(XGBoostNative.XGBoosterUpdateOneIter));

    /// <summary>XGBoost's evaluation line for one round, e.g. <c>[3]\tvalidation-auc:0.912</c>.</summary>
    public unsafe string EvaluateOneIteration(int iteration, IReadOnlyList<DMatrix> matrices, IReadOnlyList<string> names)
    {
        using var array = new NativeHandleArray(matrices);
        byte* result;
        fixed (nint* pointers = array.Handles)
        {
            XGBoostError.Check(
                XGBoostNative.XGBoosterEvalOneIter(handle, iteration, pointers, names.ToArray(), (ulong)matrices.Count, out result),
                nameof(XGBoostNative.XGBoosterEvalOneIter));
        }
        return Marshal.PtrToStringUTF8((nint)result) ?? "";
    }

    public int BoostedRounds()
    {
        XGBoostError.Check(XGBoostNative.XGBoosterBoostedRounds(handle, out var rounds), nameof(XGBoostNative.XGBoosterBoostedRounds));
        return rounds;
    }

    /// <summary>A new booster with the rounds [<paramref name="begin"/>, <paramref name="end"/>) of this one.</summary>
    public Booster Slice(int begin, int end)
    {
        XGBoostError.Check(XGBoostNative.XGBoosterSlice(handle, begin, end, 1, out var sliced), nameof(XGBoostNative.XGBoosterSlice));
        return new Booster(sliced);
    }

    /// <summary>The model as XGBoost's JSON (what Trainyard.Runtime's scorer reads).</summary>
    public unsafe byte[] SaveJson()
    {
        XGBoostError.Check(XGBoostNative.XGBoosterSaveModelToBuffer(handle, """{"format":"json"}""", out var length, out var buffer),
            nameof(XGBoostNative.XGBoosterSaveModelToBuffer));
        return new ReadOnlySpan<byte>(buffer, checked((int)length)).ToArray();
    }

    public void Dispose() => handle.Dispose();
}
