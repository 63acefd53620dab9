using System.Text.Json;

namespace Trainyard.Benchmarks;

/// <summary>
/// How many splits a row passes per tree, on average, in an XGBoost JSON model: the work a tree walker does per tree,
/// which explains a model's cost per row (depth-6 trees: at most 6; leaf-wise trees of 64 leaves: often more).
/// </summary>
internal static class TreePaths
{
    public static double AverageSplits(ReadOnlySpan<byte> modelJson, float[] features, int columns, int rows)
    {
        using var document = JsonDocument.Parse(modelJson.ToArray());
        var trees = document.RootElement.GetProperty("learner").GetProperty("gradient_booster").GetProperty("model").GetProperty("trees");
        long splits = 0, walks = 0;
        foreach (var tree in trees.EnumerateArray())
        {
            var left = Ints(tree, "left_children");
            var right = Ints(tree, "right_children");
            var feature = Ints(tree, "split_indices");
            var defaultLeft = Ints(tree, "default_left");
            var condition = tree.GetProperty("split_conditions").EnumerateArray().Select(v => v.GetSingle()).ToArray();
            for (var r = 0; r < rows; r++, walks++)
            {
                var node = 0;
                while (left[node] >= 0)
                {
                    var x = features[r * columns + feature[node]];
                    node = (float.IsNaN(x) ? defaultLeft[node] != 0 : x < condition[node]) ? left[node] : right[node];
                    splits++;
                }
            }
        }
        return walks == 0 ? 0 : (double)splits / walks;
    }

    private static int[] Ints(JsonElement tree, string name) => tree.GetProperty(name).EnumerateArray().Select(v => v.GetInt32()).ToArray();
}
