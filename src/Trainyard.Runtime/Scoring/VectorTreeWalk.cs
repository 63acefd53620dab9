using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace Trainyard.Runtime.Scoring;

/// <summary>
/// One row through all trees, 16 trees at a time in the lanes of an AVX-512 vector, two vectors stepped in turn. A
/// step moves every lane one level down its tree: gathers of the lanes' 8-byte nodes (packed word and threshold),
/// the feature values (a permute of the row held in registers, or a gather for rows wider than 32), a compare. A lane
/// whose next node is a leaf writes that leaf to a list and takes the next tree's root from a queue in the same step
/// (compress and expand), so lanes never wait for a group's deepest tree. The leaves are then added in model order,
/// so the float32 sums, and the predictions, are bit for bit those of <see cref="TreeEnsemble.AddLeaves"/>.
/// Built only where the CPU has AVX-512 and the model fits the packed word; otherwise the scorer walks the scalar way.
/// </summary>
[SkipLocalsInit] // the stack lists are written before they are read
internal sealed unsafe partial class VectorTreeWalk
{
    private const int Lanes = 16;
    // The packed word of an inner node: feature (bits 0-8), missing goes left (bit 9), left child is a leaf (bit 10),
    // right child is a leaf (bit 11), left child's node index (bits 12-31; the right child follows it). The node's
    // threshold is the high half of its 8 bytes.
    private const int FeatureMask = (1 << 9) - 1;
    private const int DefaultLeftBit = 1 << 9;
    private const int LeftLeafBit = 1 << 10;
    private const int ChildShift = 12;
    private const int MaxNodes = 1 << (32 - ChildShift);
    // Rows up to this wide stay in two registers, so a step reads its feature values with a permute, not a gather.
    private const int RegisterFeatures = 2 * Lanes;

    private readonly TreeEnsemble _trees;
    private readonly int _featureCount;
    private readonly long[] _nodes;
    // Per node: its tree, to put a reached leaf in its tree's place.
    private readonly int[] _treeOf;
    // One queue per vector: the roots of its trees with at least one split, deepest first, then parked lanes' nodes.
    private readonly int[] _queue;
    private readonly int _queued;
    // Per tree: its root if that is a leaf already (the tree never enters a lane), otherwise -1.
    private readonly int[] _rootLeaves;

    private VectorTreeWalk(TreeEnsemble trees, int featureCount, long[] nodes, int[] treeOf, int[] queue, int queued, int[] rootLeaves) =>
        (_trees, _featureCount, _nodes, _treeOf, _queue, _queued, _rootLeaves) = (trees, featureCount, nodes, treeOf, queue, queued, rootLeaves);

    public static bool IsSupported => Avx512F.IsSupported;

    /// <summary>Adds every tree's leaf for <paramref name="features"/> to <c>output[Groups[tree]]</c>, in model order.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void AddLeaves(ReadOnlySpan<float> features, Span<float> output)
    {
        var treeCount = _trees.TreeCount;
        Span<int> leafOf = stackalloc int[treeCount];
        Span<int> reached = stackalloc int[_queued + 2 * Lanes];
        _rootLeaves.CopyTo(leafOf);
        Walk(features, reached);
        var treeOf = _treeOf;
        var (queuedA, queuedB) = ((_queued + 1) / 2, _queued / 2);
        for (var i = 0; i < queuedA; i++)
        {
            var leaf = reached[i];
            leafOf[treeOf[leaf]] = leaf;
        }
        for (var i = 0; i < queuedB; i++)
        {
            var leaf = reached[queuedA + Lanes + i];
            leafOf[treeOf[leaf]] = leaf;
        }
        var values = _trees.Value;
        if (output.Length == 1)
        {
            // One output: the sum stays in a register instead of going through memory at every tree.
            var sum = output[0];
            for (var t = 0; t < treeCount; t++) sum += values[leafOf[t]];
            output[0] = sum;
            return;
        }
        var groups = _trees.Groups;
        for (var t = 0; t < treeCount; t++) output[groups[t]] += values[leafOf[t]];
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void Walk(ReadOnlySpan<float> features, Span<int> reached)
    {
        if (_queued == 0) return;
        fixed (float* x = features)
        {
            if (_featureCount > RegisterFeatures)
            {
                Walk(new GatheredRow(x), reached);
                return;
            }
            // The row in two registers, zero beyond its end (never read: every feature index is below the row's width).
            var row = stackalloc float[RegisterFeatures];
            Unsafe.InitBlock(row, 0, RegisterFeatures * sizeof(float));
            features.CopyTo(new Span<float>(row, RegisterFeatures));
            Walk(new RegisterRow(Vector512.Load(row), Vector512.Load(row + Lanes)), reached);
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void Walk<TRow>(TRow row, Span<int> reached) where TRow : struct, IRowValues
    {
        fixed (long* nodes = _nodes)
        fixed (int* queue = _queue)
        fixed (int* leaves = reached)
        {
            // Two vectors of 16 lanes, each with its own queue of trees and list of leaves, so that neither step
            // waits for the other: one's gathers run while the other's wait.
            var (queuedA, queuedB) = ((_queued + 1) / 2, _queued / 2);
            var queueA = queue;
            var queueB = queue + queuedA + 2 * Lanes;
            var leavesA = leaves;
            var leavesB = leaves + queuedA + Lanes;
            var (nodeA, nodeB) = (Vector512.Load(queueA), Vector512.Load(queueB));
            var (nextA, nextB, doneA, doneB) = (Lanes, Lanes, 0, 0);
            while (doneA < queuedA | doneB < queuedB)
            {
                Advance(nodes, row, ref nodeA, queueA, ref nextA, leavesA, ref doneA);
                Advance(nodes, row, ref nodeB, queueB, ref nextB, leavesB, ref doneB);
            }
        }
    }

    /// <summary>One level down for the 16 lanes of one vector; lanes reaching a leaf record it and take the next trees.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Advance<TRow>(long* nodes, TRow row, ref Vector512<int> node, int* queue, ref int next, int* leaves, ref int done)
        where TRow : struct, IRowValues
    {
        // Lanes 0-7's nodes, then 8-15's, as (word, threshold) pairs; split into words and thresholds.
        var first = Gather(nodes, node.GetLower().GetLower()).ToVector512Unsafe().WithUpper(Gather(nodes, node.GetLower().GetUpper())).AsInt32();
        var second = Gather(nodes, node.GetUpper().GetLower()).ToVector512Unsafe().WithUpper(Gather(nodes, node.GetUpper().GetUpper())).AsInt32();
        var even = Vector512.Create(0, 2, 4, 6, 8, 10, 12, 14, 16, 18, 20, 22, 24, 26, 28, 30);
        var word = Avx512F.PermuteVar16x32x2(first, even, second);
        var threshold = Avx512F.PermuteVar16x32x2(first, even + Vector512<int>.One, second).AsSingle();
        var value = row.Read(word & Vector512.Create(FeatureMask));
        // Left when value < threshold, or when the value is missing (NaN) and the node sends missing left.
        var missingLeft = ~Vector512.Equals(value, value).AsInt32() & ((word << (31 - 9)) >> 31);
        var goLeft = Vector512.LessThan(value, threshold).AsInt32() | missingLeft; // all ones or zero
        var right = goLeft + Vector512<int>.One;
        var child = Vector512.ShiftRightLogical(word, ChildShift) + right;
        var leafBit = Avx512F.ShiftLeftLogicalVariable(Vector512.Create((uint)LeftLeafBit), right.AsUInt32()).AsInt32();
        var atLeaf = ~Vector512.Equals(word & leafBit, Vector512<int>.Zero);
        Avx512F.Compress(Vector512<int>.Zero, atLeaf, child).Store(leaves + done);
        node = Avx512F.Expand(child, atLeaf, Vector512.Load(queue + next));
        var count = BitOperations.PopCount(atLeaf.ExtractMostSignificantBits());
        next += count;
        done += count;
    }

    /// <summary>Where a step reads its 16 lanes' feature values.</summary>
    private interface IRowValues
    {
        Vector512<float> Read(Vector512<int> feature);
    }

    /// <summary>A row of up to 32 values in two registers: one permute.</summary>
    private readonly struct RegisterRow(Vector512<float> low, Vector512<float> high) : IRowValues
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public Vector512<float> Read(Vector512<int> feature) => Avx512F.PermuteVar16x32x2(low, feature, high);
    }

    /// <summary>A wider row, in memory: two gathers.</summary>
    private readonly struct GatheredRow(float* row) : IRowValues
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public Vector512<float> Read(Vector512<int> feature) =>
            Avx2.GatherVector256(row, feature.GetLower(), 4).ToVector512Unsafe().WithUpper(Avx2.GatherVector256(row, feature.GetUpper(), 4));
    }

    // .NET 10 has no 512-bit gather: 256-bit ones, 4 nodes each.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<long> Gather(long* source, Vector128<int> index) => Avx2.GatherVector256(source, index, 8);
}
