using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Trainyard.Runtime.Scoring;

/// <summary>
/// All trees flattened into one set of parallel arrays (struct of arrays), node indices global across trees, so a
/// prediction walks plain arrays without allocating. The loader renumbers each tree breadth-first so that a node's
/// children are adjacent: the walk is <c>node = Child[node] + goRight</c>, computed without a branch on the data.
/// An inner node sends a row right unless its feature value &lt; <see cref="Value"/> (float32, as XGBoost compares),
/// and a missing value (NaN) to its default side. A leaf has <see cref="Child"/> = -1 and its value in <see cref="Value"/>.
/// The loader has checked every index, so the walk reads without bounds checks.
/// </summary>
internal sealed class TreeEnsemble(int[] roots, int[] groups, int[] child, int[] split, float[] value)
{
    /// <summary>Marks, in <see cref="Split"/>, a node whose missing values go left.</summary>
    public const int DefaultLeft = int.MinValue;

    public int[] Roots { get; } = roots;
    /// <summary>Per tree: the output (class) its leaves add to, XGBoost's <c>tree_info</c>.</summary>
    public int[] Groups { get; } = groups;
    /// <summary>Per node: its left child (the right one follows it), or -1 for a leaf.</summary>
    public int[] Child { get; } = child;
    /// <summary>Per node: the feature it splits on, with <see cref="DefaultLeft"/> set when missing goes left.</summary>
    public int[] Split { get; } = split;
    /// <summary>Per node: the split threshold, or a leaf's (learning-rate-scaled) value.</summary>
    public float[] Value { get; } = value;

    public int TreeCount => Roots.Length;

    /// <summary>Trees walked side by side in <see cref="AddLeaves"/>.</summary>
    private const int Lanes = 8;

    /// <summary>
    /// Adds every tree's leaf for one row to <c>output[Groups[tree]]</c>, in model order. One tree's walk is a chain of
    /// dependent loads (node → feature → compare → child), so walking trees one at a time waits on memory at every
    /// split; here <see cref="Lanes"/> trees advance one level per step, their chains overlapping. A lane at its leaf
    /// stays there (its leaf's split reads feature 0 and the result is masked away), so a step has no branch on the
    /// data and a group of trees has one loop exit. Leaves are added after the group, in tree order, so the float32
    /// sums are the same as the one-tree-at-a-time walk.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void AddLeaves(ref float features, Span<float> output)
    {
        ref var child = ref MemoryMarshal.GetArrayDataReference(Child);
        ref var split = ref MemoryMarshal.GetArrayDataReference(Split);
        ref var value = ref MemoryMarshal.GetArrayDataReference(Value);
        ref var roots = ref MemoryMarshal.GetArrayDataReference(Roots);
        Span<int> nodes = stackalloc int[Lanes];
        ref var lane = ref MemoryMarshal.GetReference(nodes);
        var treeCount = TreeCount;
        for (var first = 0; first < treeCount; first += Lanes)
        {
            var lanes = Math.Min(Lanes, treeCount - first);
            for (var i = 0; i < lanes; i++) Unsafe.Add(ref lane, i) = Unsafe.Add(ref roots, first + i);
            int inner;
            do
            {
                inner = 0;
                for (var i = 0; i < lanes; i++)
                {
                    ref var node = ref Unsafe.Add(ref lane, i);
                    var n = node;
                    var left = Unsafe.Add(ref child, n);
                    var flags = Unsafe.Add(ref split, n);
                    var x = Unsafe.Add(ref features, flags & int.MaxValue);
                    var goRight = (x < Unsafe.Add(ref value, n) ? 0 : 1) & ~((float.IsNaN(x) ? 1 : 0) & (flags >>> 31));
                    var leaf = left >> 31; // all ones at a leaf
                    node = (n & leaf) | ((left + goRight) & ~leaf);
                    inner |= ~leaf;
                }
            } while (inner != 0);
            for (var i = 0; i < lanes; i++)
                output[Groups[first + i]] += Unsafe.Add(ref value, Unsafe.Add(ref lane, i));
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public float Leaf(int tree, ref float features)
    {
        ref var child = ref MemoryMarshal.GetArrayDataReference(Child);
        ref var split = ref MemoryMarshal.GetArrayDataReference(Split);
        ref var value = ref MemoryMarshal.GetArrayDataReference(Value);
        var node = Roots[tree];
        while (true)
        {
            var left = Unsafe.Add(ref child, node);
            if (left < 0) return Unsafe.Add(ref value, node);
            var flags = Unsafe.Add(ref split, node);
            var x = Unsafe.Add(ref features, flags & int.MaxValue);
            var goRight = x < Unsafe.Add(ref value, node) ? 0 : 1;
            if (float.IsNaN(x)) goRight = flags < 0 ? 0 : 1;
            node = left + goRight;
        }
    }
}
