using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Trainyard.Runtime.Scoring;

/// <summary>
/// Evaluates an XGBoost JSON model in managed code, matching libxgboost's own predictions (within 1e-6): each row's
/// margin starts at the base margin and adds one leaf per tree in model order in float32, then goes through the
/// objective's link exactly as libxgboost computes it. Immutable and thread-safe; predictions do not allocate.
/// Outputs per row (<see cref="OutputCount"/>): binary:logistic the positive-class probability, multi:softprob one
/// probability per class, reg:squarederror the value.
/// </summary>
public sealed class XGBoostScorer
{
    private const int BlockRows = 64; // rows walked together per tree, so a tree's nodes stay in cache
    private readonly TreeEnsemble _trees;
    private readonly VectorTreeWalk? _vectorWalk; // null where the CPU has no AVX-512 or the model does not fit its layout

    internal XGBoostScorer(ModelObjective objective, int featureCount, int outputCount, float baseMargin,
        IReadOnlyList<string> featureNames, TreeEnsemble trees)
    {
        Objective = objective;
        FeatureCount = featureCount;
        OutputCount = outputCount;
        BaseMargin = baseMargin;
        FeatureNames = featureNames;
        _trees = trees;
        _vectorWalk = VectorTreeWalk.TryCreate(trees, featureCount);
    }

    /// <summary>Reads a model saved as JSON; anything else, or an objective or booster the scorer cannot evaluate, is a <see cref="ModelFormatException"/>.</summary>
    public static XGBoostScorer Load(ReadOnlySpan<byte> json, string source = "model") => XGBoostJson.Read(json, source);

    public static async Task<XGBoostScorer> LoadFileAsync(string path, CancellationToken cancellationToken = default) =>
        Load(await File.ReadAllBytesAsync(path, cancellationToken), path);

    public ModelObjective Objective { get; }

    /// <summary>Values per input row (XGBoost's num_feature).</summary>
    public int FeatureCount { get; }

    /// <summary>Values per prediction: the class count for multi:softprob, otherwise 1.</summary>
    public int OutputCount { get; }

    /// <summary>Where every margin starts: base_score, as log-odds for binary:logistic.</summary>
    public float BaseMargin { get; }

    /// <summary>Feature names stored in the model, if it was trained with them; otherwise empty.</summary>
    public IReadOnlyList<string> FeatureNames { get; }

    public int TreeCount => _trees.TreeCount;

    /// <summary>One row of <see cref="FeatureCount"/> values (NaN = missing) into <see cref="OutputCount"/> outputs.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void Predict(ReadOnlySpan<float> features, Span<float> output) => Predict(features, output, TreeWalk.Fastest);

    /// <summary>Whether this scorer walks single rows 16 trees per vector step on this CPU.</summary>
    internal bool WalksVectors => _vectorWalk is not null;

    /// <summary>As <see cref="Predict(ReadOnlySpan{float}, Span{float})"/>, with the walk chosen (tests compare the two).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)] // fully optimized from the first request, not after tiering
    internal void Predict(ReadOnlySpan<float> features, Span<float> output, TreeWalk walk)
    {
        if (features.Length != FeatureCount)
            throw new ModelFormatException($"the row has {features.Length} features; the model expects {FeatureCount}");
        if (output.Length != OutputCount)
            throw new ModelFormatException($"the output holds {output.Length} values; the model writes {OutputCount} per row");
        output.Fill(BaseMargin);
        if (walk == TreeWalk.Fastest && _vectorWalk is not null) _vectorWalk.AddLeaves(features, output);
        else _trees.AddLeaves(ref MemoryMarshal.GetReference(features), output);
        Transform(output);
    }

    /// <summary>Rows in a row-major matrix (<see cref="FeatureCount"/> per row) into <see cref="OutputCount"/> outputs per row, on this thread.</summary>
    public void PredictBatch(ReadOnlySpan<float> rows, Span<float> output)
    {
        var count = CheckBatch(rows.Length, output.Length);
        for (var start = 0; start < count; start += BlockRows)
        {
            var block = Math.Min(BlockRows, count - start);
            PredictBlock(rows.Slice(start * FeatureCount, block * FeatureCount), output.Slice(start * OutputCount, block * OutputCount), block);
        }
    }

    /// <summary>As <see cref="PredictBatch(ReadOnlySpan{float}, Span{float})"/>, blocks of rows spread over up to <paramref name="maxThreads"/> threads.</summary>
    public void PredictBatch(ReadOnlyMemory<float> rows, Memory<float> output, int maxThreads)
    {
        var count = CheckBatch(rows.Length, output.Length);
        var blocks = (count + BlockRows - 1) / BlockRows;
        Parallel.For(0, blocks, new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, maxThreads) }, b =>
        {
            var start = b * BlockRows;
            var block = Math.Min(BlockRows, count - start);
            PredictBlock(rows.Span.Slice(start * FeatureCount, block * FeatureCount), output.Span.Slice(start * OutputCount, block * OutputCount), block);
        });
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void PredictBlock(ReadOnlySpan<float> rows, Span<float> output, int count)
    {
        output.Fill(BaseMargin);
        if (_vectorWalk is not null)
        {
            // A row's 16-tree vector steps beat walking one tree over the block's rows (~0.8 against ~3.9 µs a row of
            // 100 trees: docs/benchmarks.md, "Vector walk"); the sums are the same, each row's leaves in model order.
            for (var r = 0; r < count; r++)
            {
                var margins = output.Slice(r * OutputCount, OutputCount);
                _vectorWalk.AddLeaves(rows.Slice(r * FeatureCount, FeatureCount), margins);
                Transform(margins);
            }
            return;
        }
        ref var first = ref MemoryMarshal.GetReference(rows);
        for (var t = 0; t < _trees.TreeCount; t++)
        {
            var group = _trees.Groups[t];
            for (var r = 0; r < count; r++)
                output[r * OutputCount + group] += _trees.Leaf(t, ref Unsafe.Add(ref first, r * FeatureCount));
        }
        for (var r = 0; r < count; r++) Transform(output.Slice(r * OutputCount, OutputCount));
    }

    private void Transform(Span<float> margins)
    {
        switch (Objective)
        {
            case ModelObjective.BinaryLogistic: margins[0] = ObjectiveMath.Sigmoid(margins[0]); break;
            case ModelObjective.MultiSoftprob: ObjectiveMath.Softmax(margins); break;
        }
    }

    private int CheckBatch(int values, int outputs)
    {
        if (values % FeatureCount != 0)
            throw new ModelFormatException($"the batch holds {values} values, not a whole number of rows of {FeatureCount} features");
        var count = values / FeatureCount;
        if (outputs != count * OutputCount)
            throw new ModelFormatException($"the output holds {outputs} values; {count} rows need {count * OutputCount}");
        return count;
    }
}

/// <summary>How <see cref="XGBoostScorer"/> walks a single row's trees.</summary>
internal enum TreeWalk
{
    /// <summary>The vector walk where the CPU and the model allow it, else the scalar one.</summary>
    Fastest,
    /// <summary>Always the scalar 8-tree walk (<see cref="TreeEnsemble.AddLeaves"/>).</summary>
    Scalar,
}
