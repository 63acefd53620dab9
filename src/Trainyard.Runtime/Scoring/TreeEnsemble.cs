using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Trainyard.Runtime.Scoring;

/// <summary>
/// All trees flattened into one set of parallel arrays (struct of arrays), node indices global across trees, so a
/// prediction walks plain arrays without allocating. A leaf has <see cref="Left"/> = -1 and its value in
/// <see cref="Value"/>; an inner node sends a row left when its feature value &lt; <see cref="Value"/> (compared in
/// float32, as XGBoost does) and to <see cref="Missing"/> (its default child) when the value is missing (NaN).
/// The loader has checked every index, so the walk reads without bounds checks.
/// </summary>
internal sealed class TreeEnsemble(int[] roots, int[] groups, int[] left, int[] right, int[] missing, int[] feature, float[] value)
{
    public int[] Roots { get; } = roots;
    /// <summary>Per tree: the output (class) its leaves add to, XGBoost's <c>tree_info</c>.</summary>
    public int[] Groups { get; } = groups;
    public int[] Left { get; } = left;
    public int[] Right { get; } = right;
    public int[] Missing { get; } = missing;
    public int[] Feature { get; } = feature;
    public float[] Value { get; } = value;

    public int TreeCount => Roots.Length;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public float Leaf(int tree, ref float features)
    {
        ref var left = ref MemoryMarshal.GetArrayDataReference(Left);
        ref var right = ref MemoryMarshal.GetArrayDataReference(Right);
        ref var missing = ref MemoryMarshal.GetArrayDataReference(Missing);
        ref var feature = ref MemoryMarshal.GetArrayDataReference(Feature);
        ref var value = ref MemoryMarshal.GetArrayDataReference(Value);
        var node = Roots[tree];
        while (true)
        {
            var next = Unsafe.Add(ref left, node);
            if (next < 0) return Unsafe.Add(ref value, node);
            var x = Unsafe.Add(ref features, Unsafe.Add(ref feature, node));
            if (float.IsNaN(x)) next = Unsafe.Add(ref missing, node);
            else if (!(x < Unsafe.Add(ref value, node))) next = Unsafe.Add(ref right, node);
            node = next;
        }
    }
}
