namespace Trainyard.Runtime.Scoring;

/// <summary>The vector walk's layout: 8-byte nodes, each tree's place for its leaf, and the two vectors' queues.</summary>
internal sealed partial class VectorTreeWalk
{
    /// <summary>Trees beyond this are walked the scalar way: a call keeps its per-tree lists on the stack.</summary>
    public const int MaxTrees = 8192;

    /// <summary>The packed layout of <paramref name="trees"/>, or null if this CPU or this model cannot take it.</summary>
    public static VectorTreeWalk? TryCreate(TreeEnsemble trees, int featureCount)
    {
        var count = trees.Child.Length;
        if (!IsSupported || featureCount > FeatureMask + 1 || count + 2 > MaxNodes || trees.TreeCount > MaxTrees) return null;
        var nodes = new long[count + 2];
        for (var n = 0; n < count; n++)
        {
            var left = trees.Child[n];
            var split = trees.Split[n];
            var word = left < 0 ? 0 : (split & FeatureMask) | (split < 0 ? DefaultLeftBit : 0) | (trees.Child[left] < 0 ? LeftLeafBit : 0)
                                      | (trees.Child[left + 1] < 0 ? LeftLeafBit << 1 : 0) | (left << ChildShift);
            nodes[n] = (uint)word | ((long)BitConverter.SingleToInt32Bits(trees.Value[n]) << 32);
        }
        // A parked lane (no tree left to take) circles between two nodes whose children are never leaves.
        var parked = count;
        nodes[parked] = nodes[parked + 1] = (uint)(parked << ChildShift);

        var treeOf = new int[count];
        var rootLeaves = new int[trees.TreeCount];
        var inner = new List<int>();
        for (var t = 0; t < trees.TreeCount; t++)
        {
            var root = trees.Roots[t];
            var end = t + 1 < trees.TreeCount ? trees.Roots[t + 1] : count;
            treeOf.AsSpan(root, end - root).Fill(t);
            rootLeaves[t] = trees.Child[root] < 0 ? root : -1;
            if (rootLeaves[t] < 0) inner.Add(root);
        }
        // Deepest trees first: when the queues run dry, the lanes still walking have shallow trees left.
        inner = [.. inner.OrderByDescending(root => MeanLeafDepth(trees, root))];
        // Trees in turn to the two vectors' queues; each is read 16 wide at up to 16 past its last tree taken, so
        // parked lanes fill what follows.
        var queue = new List<int>();
        for (var stream = 0; stream < 2; stream++)
        {
            for (var i = stream; i < inner.Count; i += 2) queue.Add(inner[i]);
            queue.AddRange(Enumerable.Repeat(parked, 2 * Lanes));
        }
        return new VectorTreeWalk(trees, featureCount, nodes, treeOf, [.. queue], inner.Count, rootLeaves);
    }

    private static double MeanLeafDepth(TreeEnsemble trees, int root)
    {
        var (leaves, depths) = (0, 0);
        var level = new List<int> { root };
        for (var depth = 0; level.Count > 0; depth++)
        {
            var below = new List<int>();
            foreach (var node in level)
            {
                var left = trees.Child[node];
                if (left < 0) (leaves, depths) = (leaves + 1, depths + depth);
                else below.AddRange([left, left + 1]);
            }
            level = below;
        }
        return depths / (double)leaves;
    }
}
