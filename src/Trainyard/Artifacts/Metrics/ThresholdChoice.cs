using Trainyard.Pipelines;

namespace Trainyard.Artifacts.Metrics;

/// <summary>
/// The binary decision threshold and where it came from, as metrics.json records it; chosen by Training's
/// DecisionThreshold.
/// </summary>
/// <param name="Source"><c>spec</c> (fixed in the pipeline spec), <c>validation</c> (chosen there) or <c>default</c> (0.5: nothing to choose from).</param>
/// <param name="Objective">The objective maximised on the validation split; null for a fixed threshold.</param>
/// <param name="ValidationScore">The objective's value at the chosen threshold on the validation split.</param>
/// <param name="Note">Why the default was used, when it was.</param>
internal sealed record ThresholdChoice(
    double Threshold, string Source, ThresholdObjective? Objective, double? ValidationScore, int ValidationRows, string? Note = null);
