using System.Text.Json;

namespace Trainyard.Runtime.Scoring;

/// <summary>
/// The gbtree's trees into one <see cref="TreeEnsemble"/>. Every tree is checked so that a walk can never leave its
/// arrays or loop: children in range, features below num_feature, each node reached once from the root.
/// </summary>
internal static class TreeReader
{
    public static TreeEnsemble ReadAll(JsonElement model, int numFeature, int outputs, string source)
    {
        var trees = XGBoostJson.Member(model, "trees", source);
        var info = XGBoostJson.Member(model, "tree_info", source);
        var count = trees.GetArrayLength();
        if (info.GetArrayLength() != count)
            throw new ModelFormatException($"{source}: {count} trees but {info.GetArrayLength()} tree_info entries");

        var roots = new int[count];
        var groups = new int[count];
        var (child, split, value) = (new List<int>(), new List<int>(), new List<float>());
        var t = 0;
        foreach (var tree in trees.EnumerateArray())
        {
            var where = $"{source}: tree {t}";
            groups[t] = info[t].GetInt32();
            if (groups[t] < 0 || groups[t] >= outputs)
                throw new ModelFormatException($"{where} adds to output {groups[t]}, but the model has {outputs}");
            if (tree.TryGetProperty("split_type", out var types) && types.EnumerateArray().Any(s => s.GetInt32() != 0))
                throw new ModelFormatException($"{where} has categorical splits, which the managed scorer does not evaluate; Trainyard one-hot encodes categories, so train without enable_categorical");

            var lc = Ints(tree, "left_children", where);
            var rc = Ints(tree, "right_children", where);
            var si = Ints(tree, "split_indices", where);
            var dl = Ints(tree, "default_left", where);
            var sc = XGBoostJson.Member(tree, "split_conditions", where).EnumerateArray().Select(e => e.GetSingle()).ToArray();
            var n = lc.Length;
            if (n == 0 || rc.Length != n || si.Length != n || dl.Length != n || sc.Length != n)
                throw new ModelFormatException($"{where}: its node arrays differ in length or are empty");
            CheckShape(lc, rc, si, numFeature, where);

            roots[t] = child.Count;
            Flatten(lc, rc, si, dl, sc, child, split, value);
            t++;
        }
        return new TreeEnsemble(roots, groups, [.. child], [.. split], [.. value]);
    }

    /// <summary>Appends one tree breadth-first, so each inner node's two children sit next to each other.</summary>
    private static void Flatten(int[] lc, int[] rc, int[] si, int[] dl, float[] sc, List<int> child, List<int> split, List<float> value)
    {
        var start = child.Count;
        var order = new List<int> { 0 }; // original node ids in their new order
        for (var i = 0; i < order.Count; i++)
        {
            var node = order[i];
            if (lc[node] < 0)
            {
                child.Add(-1);
                split.Add(0);
            }
            else
            {
                child.Add(start + order.Count);
                order.Add(lc[node]);
                order.Add(rc[node]);
                split.Add(si[node] | (dl[node] != 0 ? TreeEnsemble.DefaultLeft : 0));
            }
            value.Add(sc[node]); // a leaf's split_condition holds its value
        }
    }

    private static void CheckShape(int[] lc, int[] rc, int[] si, int numFeature, string where)
    {
        var seen = new bool[lc.Length];
        var pending = new Stack<int>();
        pending.Push(0);
        while (pending.Count > 0)
        {
            var node = pending.Pop();
            if (seen[node]) throw new ModelFormatException($"{where}: node {node} is reached twice; the tree is malformed");
            seen[node] = true;
            if (lc[node] == -1 && rc[node] == -1) continue;
            if (lc[node] < 0 || lc[node] >= lc.Length || rc[node] < 0 || rc[node] >= lc.Length)
                throw new ModelFormatException($"{where}: node {node} has children {lc[node]} and {rc[node]}, outside the tree's {lc.Length} nodes");
            if (si[node] < 0 || si[node] >= numFeature)
                throw new ModelFormatException($"{where}: node {node} splits on feature {si[node]}, but the model has {numFeature} features");
            pending.Push(lc[node]);
            pending.Push(rc[node]);
        }
    }

    // default_left is 0/1 numbers in XGBoost's JSON; booleans are accepted too.
    private static int[] Ints(JsonElement tree, string name, string where) =>
        XGBoostJson.Member(tree, name, where).EnumerateArray()
            .Select(e => e.ValueKind switch { JsonValueKind.True => 1, JsonValueKind.False => 0, _ => e.GetInt32() }).ToArray();
}
