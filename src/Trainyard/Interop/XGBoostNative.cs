using System.Runtime.InteropServices;

namespace Trainyard.Interop;

/// <summary>
/// The parts of XGBoost's C API (<c>include/xgboost/c_api.h</c>, 1.7) that Trainyard calls, with the native names
/// unchanged so each one can be looked up there. Every function returns 0 on success and -1 on failure; callers
/// pass the result to <see cref="XGBoostError.Check"/> right away, on the same thread, because the error text is
/// thread-local in XGBoost.
/// </summary>
internal static unsafe partial class XGBoostNative
{
    /// <summary>The logical name the resolver maps to the real file (see <see cref="XGBoostLibrary"/>).</summary>
    internal const string Library = "xgboost";

    // An explicit static constructor runs exactly once, thread-safely, before the first call to any function below,
    // so the resolver is registered before the runtime binds the first P/Invoke, without a static flag or lock.
    static XGBoostNative() => XGBoostLibrary.RegisterResolver(typeof(XGBoostNative).Assembly);

    [LibraryImport(Library)]
    internal static partial void XGBoostVersion(out int major, out int minor, out int patch);

    [LibraryImport(Library)]
    internal static partial byte* XGBGetLastError();

    [LibraryImport(Library)]
    internal static partial int XGDMatrixCreateFromMat(float* data, ulong rows, ulong columns, float missing, out DMatrixHandle handle);

    /// <summary>Same as <see cref="XGDMatrixCreateFromMat"/>, building the matrix on <paramref name="threads"/> threads.</summary>
    [LibraryImport(Library)]
    internal static partial int XGDMatrixCreateFromMat_omp(float* data, ulong rows, ulong columns, float missing, out DMatrixHandle handle, int threads);

    [LibraryImport(Library, StringMarshalling = StringMarshalling.Utf8)]
    internal static partial int XGDMatrixSetFloatInfo(DMatrixHandle handle, string field, float* values, ulong length);

    [LibraryImport(Library, StringMarshalling = StringMarshalling.Utf8)]
    internal static partial int XGDMatrixSetStrFeatureInfo(DMatrixHandle handle, string field, string[] values, ulong length);

    [LibraryImport(Library)]
    internal static partial int XGDMatrixFree(nint handle);

    [LibraryImport(Library)]
    internal static partial int XGBoosterCreate(nint* matrices, ulong length, out BoosterHandle handle);

    [LibraryImport(Library)]
    internal static partial int XGBoosterFree(nint handle);

    [LibraryImport(Library, StringMarshalling = StringMarshalling.Utf8)]
    internal static partial int XGBoosterSetParam(BoosterHandle handle, string name, string value);

    [LibraryImport(Library)]
    internal static partial int XGBoosterUpdateOneIter(BoosterHandle handle, int iteration, DMatrixHandle training);

    [LibraryImport(Library, StringMarshalling = StringMarshalling.Utf8)]
    internal static partial int XGBoosterEvalOneIter(BoosterHandle handle, int iteration, nint* matrices, string[] names, ulong length, out byte* result);

    [LibraryImport(Library)]
    internal static partial int XGBoosterBoostedRounds(BoosterHandle handle, out int rounds);

    [LibraryImport(Library)]
    internal static partial int XGBoosterSlice(BoosterHandle handle, int beginLayer, int endLayer, int step, out BoosterHandle sliced);

    [LibraryImport(Library, StringMarshalling = StringMarshalling.Utf8)]
    internal static partial int XGBoosterSetStrFeatureInfo(BoosterHandle handle, string field, string[] values, ulong length);

    [LibraryImport(Library, StringMarshalling = StringMarshalling.Utf8)]
    internal static partial int XGBoosterSaveModelToBuffer(BoosterHandle handle, string config, out ulong length, out byte* buffer);

    [LibraryImport(Library)]
    internal static partial int XGBoosterLoadModelFromBuffer(BoosterHandle handle, byte* buffer, ulong length);

    [LibraryImport(Library, StringMarshalling = StringMarshalling.Utf8)]
    internal static partial int XGBoosterPredictFromDMatrix(BoosterHandle handle, DMatrixHandle matrix, string config,
        out ulong* shape, out ulong dimensions, out float* result);

    [LibraryImport(Library, StringMarshalling = StringMarshalling.Utf8)]
    internal static partial int XGBoosterFeatureScore(BoosterHandle handle, string config, out ulong featureCount,
        out byte** features, out ulong dimensions, out ulong* shape, out float* scores);

    [LibraryImport(Library, StringMarshalling = StringMarshalling.Utf8)]
    internal static partial int XGBoosterSetAttr(BoosterHandle handle, string key, string? value);

    [LibraryImport(Library, StringMarshalling = StringMarshalling.Utf8)]
    internal static partial int XGBoosterGetAttr(BoosterHandle handle, string key, out byte* value, out int found);
}
