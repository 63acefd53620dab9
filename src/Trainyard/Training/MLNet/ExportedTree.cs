namespace Trainyard.Training.MLNet;

/// <summary>
/// One tree in XGBoost's encoding, as the managed scorer walks it: an inner node sends a row left when its value
/// &lt; <see cref="Conditions"/>[i], a missing value to the left when <see cref="DefaultLeft"/>[i]; a leaf (children
/// -1) holds its value in <see cref="Conditions"/>.
/// </summary>
internal sealed record ExportedTree(
    int[] LeftChildren,
    int[] RightChildren,
    int[] SplitIndices,
    float[] Conditions,
    bool[] DefaultLeft,
    float[] Gains,
    int Round,
    int Group)
{
    /// <summary>The leaf value this tree adds for <paramref name="row"/>, exactly as the scorer finds it.</summary>
    public float Leaf(ReadOnlySpan<float> row)
    {
        var node = 0;
        while (LeftChildren[node] >= 0)
        {
            var x = row[SplitIndices[node]];
            var left = float.IsNaN(x) ? DefaultLeft[node] : x < Conditions[node];
            node = left ? LeftChildren[node] : RightChildren[node];
        }
        return Conditions[node];
    }
}
