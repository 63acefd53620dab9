namespace Trainyard.Interop;

/// <summary>
/// XGBoost's data matrix, built from a dense row-major block of floats in which NaN marks a missing value.
/// XGBoost copies the values, so the caller's array is free as soon as <see cref="FromDense"/> returns.
/// </summary>
internal sealed class DMatrix : IDisposable
{
    private DMatrix(DMatrixHandle handle, int rows, int columns)
    {
        Handle = handle;
        Rows = rows;
        Columns = columns;
    }

    internal DMatrixHandle Handle { get; }

    public int Rows { get; }

    public int Columns { get; }

    /// <param name="threads">Threads that build the matrix; 1 or more.</param>
    public static unsafe DMatrix FromDense(ReadOnlySpan<float> values, int rows, int columns, int threads)
    {
        if ((long)rows * columns != values.Length)
            throw new ArgumentException($"{values.Length} values are not {rows} rows × {columns} columns.", nameof(values));
        DMatrixHandle handle;
        fixed (float* data = values)
        {
            XGBoostError.Check(
                XGBoostNative.XGDMatrixCreateFromMat_omp(data, (ulong)rows, (ulong)columns, float.NaN, out handle, threads),
                nameof(XGBoostNative.XGDMatrixCreateFromMat_omp));
        }
        return new DMatrix(handle, rows, columns);
    }

    /// <summary>Sets a per-row float field: <c>label</c>, <c>weight</c>, <c>base_margin</c>.</summary>
    public unsafe void SetFloatInfo(string field, ReadOnlySpan<float> values)
    {
        fixed (float* data = values)
        {
            XGBoostError.Check(
                XGBoostNative.XGDMatrixSetFloatInfo(Handle, field, data, (ulong)values.Length),
                nameof(XGBoostNative.XGDMatrixSetFloatInfo));
        }
    }

    /// <summary>Names the columns, so the saved model and the importance scores carry the user's feature names.</summary>
    public void SetFeatureNames(IReadOnlyList<string> names)
    {
        var array = names.ToArray();
        XGBoostError.Check(
            XGBoostNative.XGDMatrixSetStrFeatureInfo(Handle, "feature_name", array, (ulong)array.Length),
            nameof(XGBoostNative.XGDMatrixSetStrFeatureInfo));
    }

    public void Dispose() => Handle.Dispose();
}
