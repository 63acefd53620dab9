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
