using System.Globalization;
using System.Text.Json;

namespace Trainyard.Training.MLNet;

/// <summary>
/// ML.NET's trees into the XGBoost 1.7 JSON model Trainyard.Runtime's scorer reads (the format on
/// <see cref="ITrainer"/>), so Evaluate and the model server score ML.NET models with the code they use for XGBoost.
/// The conversion is exact, not approximate: ML.NET's <c>value ≤ t</c> goes left, XGBoost's <c>value &lt; c</c>
/// does, and for float32 values these agree when <c>c</c> is the next float above <c>t</c>; a missing value goes
/// where ML.NET sends it (<see cref="MLNetTree"/>), written as <c>default_left</c>. What cannot be written that way
/// (a categorical split, a threshold that is not finite, a feature outside the matrix) fails Train here, never a
/// prediction at serve time.
/// </summary>
internal static class TreeEnsembleExport
{
    /// <summary>
    /// One tree, its leaves multiplied by <paramref name="scale"/> (the binary calibrator's slope folds in here) and
    /// rounded to float32 once. ML.NET's inner nodes keep their ids; leaf <c>j</c> becomes node <c>inner + j</c>.
    /// </summary>
    public static ExportedTree Convert(MLNetTree tree, double scale, int featureCount, string trainer)
    {
        var inner = tree.LeftChild.Length;
        // ML.NET returns 0 for a tree without splits (its root's left child is 0): one leaf of 0.
        if (inner == 0 || tree.LeftChild[0] == 0)
            return new ExportedTree([-1], [-1], [0], [0f], [false], [0f], tree.Round, tree.Group);

        var nodes = inner + tree.LeafValues.Length;
        var (left, right, split) = (new int[nodes], new int[nodes], new int[nodes]);
        var (condition, defaultLeft, gains) = (new float[nodes], new bool[nodes], new float[nodes]);
        int Id(int child) => child < 0 ? inner + ~child : child;
        for (var i = 0; i < inner; i++)
        {
            if (tree.Categorical[i])
                throw new TrainyardException(
                    $"{trainer}: tree {tree.Round} (output {tree.Group}) has a categorical split at node {i}, which the managed scorer does not evaluate. "
                    + "Trainyard one-hot encodes categories, so this should not happen; train without categorical options.");
            var feature = tree.Features[i];
            if (feature < 0 || feature >= featureCount)
                throw new TrainyardException($"{trainer}: tree {tree.Round} splits on feature {feature}, but the matrix has {featureCount}; the model cannot be exported.");
            var threshold = tree.Thresholds[i];
            // x ≤ t ⇔ x < next float above t, for every float x; only a finite t has a finite next float.
            // LightGBM's "present vs missing" split has a threshold past float's range (+Infinity here): every number goes
            // left. JSON cannot hold +Infinity, so it becomes `x < float.MaxValue`, the same split for every value but
            // MaxValue itself. (Stopgap from branch mlbench, so the benchmark data trains; mlnet's own fix wins.)
            var next = float.IsPositiveInfinity(threshold) ? float.MaxValue : MathF.BitIncrement(threshold);
            if (!float.IsPositiveInfinity(threshold) && (!float.IsFinite(threshold) || !float.IsFinite(next)))
                throw new TrainyardException(
                    $"{trainer}: tree {tree.Round} splits feature {feature} at {threshold.ToString(CultureInfo.InvariantCulture)}, which the scorer's model format cannot hold exactly; the model cannot be exported.");
            var (l, r) = (Id(tree.LeftChild[i]), Id(tree.RightChild[i]));
            if (l <= 0 || l >= nodes || r <= 0 || r >= nodes)
                throw new TrainyardException($"{trainer}: tree {tree.Round} node {i} has children outside the tree; the ensemble is malformed.");
            (left[i], right[i], split[i], condition[i]) = (l, r, feature, next);
            // ML.NET replaces NaN by the node's default value, then compares; without defaults NaN ≤ t is false.
            defaultLeft[i] = tree.MissingValues is { } missing && missing[i] <= threshold;
            gains[i] = double.IsFinite(tree.SplitGains[i]) ? (float)tree.SplitGains[i] : 0f;
        }
        for (var j = 0; j < tree.LeafValues.Length; j++)
        {
            var value = (float)(scale * tree.LeafValues[j]);
            if (!float.IsFinite(value))
                throw new TrainyardException($"{trainer}: tree {tree.Round} has a leaf value that is not a finite float32 ({tree.LeafValues[j]}); the model cannot be exported.");
            (left[inner + j], right[inner + j], condition[inner + j]) = (-1, -1, value);
        }
        return new ExportedTree(left, right, split, condition, defaultLeft, gains, tree.Round, tree.Group);
    }

    /// <summary>
    /// The model's JSON bytes. <paramref name="baseScore"/> is written as XGBoost does (a probability for binary, so
    /// 0.5 starts every margin at exactly 0); trees go in the order given, which is the order the scorer sums them.
    /// </summary>
    public static byte[] Write(TrainingTask task, IReadOnlyList<string> featureNames, IReadOnlyList<ExportedTree> trees, float baseScore)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            string Text(long n) => n.ToString(CultureInfo.InvariantCulture);
            var classes = task.Kind == TaskKind.MulticlassClassification ? task.ClassCount : 0;
            json.WriteStartObject();
            json.WriteStartObject("learner");
            json.WriteStartObject("attributes");
            json.WriteEndObject();
            json.WriteStartArray("feature_names");
            foreach (var name in featureNames) json.WriteStringValue(name);
            json.WriteEndArray();
            json.WriteStartArray("feature_types");
            foreach (var _ in featureNames) json.WriteStringValue("float");
            json.WriteEndArray();

            json.WriteStartObject("gradient_booster");
            json.WriteStartObject("model");
            json.WriteStartObject("gbtree_model_param");
            json.WriteString("num_parallel_tree", "1");
            json.WriteString("num_trees", Text(trees.Count));
            json.WriteEndObject();
            json.WriteStartArray("tree_info");
            foreach (var tree in trees) json.WriteNumberValue(tree.Group);
            json.WriteEndArray();
            json.WriteStartArray("trees");
            for (var t = 0; t < trees.Count; t++) WriteTree(json, trees[t], t, featureNames.Count);
            json.WriteEndArray();
            json.WriteEndObject();
            json.WriteString("name", "gbtree");
            json.WriteEndObject();

            json.WriteStartObject("learner_model_param");
            json.WriteString("base_score", baseScore.ToString("R", CultureInfo.InvariantCulture));
            json.WriteString("num_class", Text(classes));
            json.WriteString("num_feature", Text(featureNames.Count));
            json.WriteString("num_target", "1");
            json.WriteEndObject();

            json.WriteStartObject("objective");
            switch (task.Kind)
            {
                case TaskKind.BinaryClassification:
                    json.WriteString("name", "binary:logistic");
                    json.WriteStartObject("reg_loss_param");
                    json.WriteString("scale_pos_weight", "1");
                    json.WriteEndObject();
                    break;
                case TaskKind.MulticlassClassification:
                    json.WriteString("name", "multi:softprob");
                    json.WriteStartObject("softmax_multiclass_param");
                    json.WriteString("num_class", Text(classes));
                    json.WriteEndObject();
                    break;
                default:
                    json.WriteString("name", "reg:squarederror");
                    json.WriteStartObject("reg_loss_param");
                    json.WriteString("scale_pos_weight", "1");
                    json.WriteEndObject();
                    break;
            }
            json.WriteEndObject();
            json.WriteEndObject();
            json.WriteStartArray("version");
            foreach (var v in (int[])[1, 7, 4]) json.WriteNumberValue(v);
            json.WriteEndArray();
            json.WriteEndObject();
        }
        return buffer.ToArray();
    }

    private static void WriteTree(Utf8JsonWriter json, ExportedTree tree, int id, int featureCount)
    {
        var n = tree.LeftChildren.Length;
        var parents = Enumerable.Repeat(int.MaxValue, n).ToArray(); // XGBoost's root has parent 2147483647
        for (var i = 0; i < n; i++)
            if (tree.LeftChildren[i] >= 0) (parents[tree.LeftChildren[i]], parents[tree.RightChildren[i]]) = (i, i);

        json.WriteStartObject();
        Floats(json, "base_weights", tree.Conditions.Select((c, i) => tree.LeftChildren[i] < 0 ? c : 0f));
        foreach (var empty in (string[])["categories", "categories_nodes", "categories_segments", "categories_sizes"])
        {
            json.WriteStartArray(empty);
            json.WriteEndArray();
        }
        Ints(json, "default_left", tree.DefaultLeft.Select(d => d ? 1 : 0));
        json.WriteNumber("id", id);
        Ints(json, "left_children", tree.LeftChildren);
        Floats(json, "loss_changes", tree.Gains);
        Ints(json, "parents", parents);
        Ints(json, "right_children", tree.RightChildren);
        Floats(json, "split_conditions", tree.Conditions);
        Ints(json, "split_indices", tree.SplitIndices);
        Ints(json, "split_type", tree.SplitIndices.Select(_ => 0));
        Floats(json, "sum_hessian", tree.Gains.Select(_ => 0f));
        json.WriteStartObject("tree_param");
        json.WriteString("num_deleted", "0");
        json.WriteString("num_feature", featureCount.ToString(CultureInfo.InvariantCulture));
        json.WriteString("num_nodes", n.ToString(CultureInfo.InvariantCulture));
        json.WriteString("size_leaf_vector", "0");
        json.WriteEndObject();
        json.WriteEndObject();
    }

    private static void Ints(Utf8JsonWriter json, string name, IEnumerable<int> values)
    {
        json.WriteStartArray(name);
        foreach (var v in values) json.WriteNumberValue(v);
        json.WriteEndArray();
    }

    private static void Floats(Utf8JsonWriter json, string name, IEnumerable<float> values)
    {
        json.WriteStartArray(name);
        foreach (var v in values) json.WriteNumberValue(v);
        json.WriteEndArray();
    }
}
