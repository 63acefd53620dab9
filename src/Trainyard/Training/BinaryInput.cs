namespace Trainyard.Training;

/// <summary>Binary labels (0/1, the positive class is 1) and probabilities of class 1, with rows lacking a probability set aside.</summary>
internal sealed record BinaryInput(int[] Labels, double[] Probabilities, int MissingPredictions)
{
    /// <summary>Keeps the rows whose probability is a number; NaN marks a missing prediction and is only counted.</summary>
    public static BinaryInput Present(IReadOnlyList<int> labels, IReadOnlyList<double> probabilities)
    {
        if (labels.Count != probabilities.Count)
            throw new ArgumentException($"{labels.Count} labels but {probabilities.Count} probabilities.");
        var keptLabels = new List<int>(labels.Count);
        var keptProbabilities = new List<double>(labels.Count);
        for (var i = 0; i < labels.Count; i++)
        {
            if (labels[i] is not (0 or 1))
                throw new ArgumentException($"Row {i}: binary label {labels[i]} is not 0 or 1.");
            var p = probabilities[i];
            if (double.IsNaN(p)) continue;
            if (p is < 0 or > 1) throw new ArgumentException($"Row {i}: probability {p} is outside [0, 1].");
            keptLabels.Add(labels[i]);
            keptProbabilities.Add(p);
        }
        return new BinaryInput([.. keptLabels], [.. keptProbabilities], labels.Count - keptLabels.Count);
    }
}
