namespace Trainyard.Pipelines;

/// <summary>Reads the <c>evaluation</c> section.</summary>
internal static class EvaluationReader
{
    public static readonly IReadOnlyList<string> Keys = ["threshold", "threshold_objective", "slices", "min_slice_rows", "baseline"];

    public static EvaluationSpec Read(YamlSection section, PipelineTask task)
    {
        var defaults = new EvaluationSpec();
        // A decision threshold only exists for two classes; elsewhere it would be silently unused.
        foreach (var key in new[] { "threshold", "threshold_objective" })
            if (task != PipelineTask.Binary && section.Has(key))
                throw section.Error(key, $"'{key}' applies to binary tasks only; this task is {YamlValues.Word(task)}");
        if (section.Has("threshold") && section.Has("threshold_objective"))
            throw section.Error("threshold_objective",
                "set either 'threshold' (a fixed decision threshold) or 'threshold_objective' (chosen on the validation split), not both");

        var threshold = section.OptionalNumber("threshold");
        if (threshold is { } value)
            section.InRange("threshold", value, 0, 1);

        return new EvaluationSpec
        {
            Threshold = threshold,
            ThresholdObjective = section.Choice("threshold_objective", defaults.ThresholdObjective),
            Slices = ReadSlices(section),
            MinSliceRows = (int)section.InRange("min_slice_rows", section.WholeNumber("min_slice_rows", defaults.MinSliceRows), 1),
            Baseline = section.Text("baseline"),
        };
    }

    private static IReadOnlyList<string> ReadSlices(YamlSection section)
    {
        var slices = section.TextList("slices") ?? [];
        var repeated = slices.GroupBy(s => s, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1);
        if (repeated is not null)
            throw section.Error("slices", $"'slices' names the column '{repeated.Key}' twice; keep one");
        return slices;
    }
}
