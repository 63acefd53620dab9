using System.Text.Json;

namespace Trainyard.Monitoring;

/// <summary>
/// Where estimated quality plugs in (the <c>estimated.*</c> figures): quality from the live predictions alone, before
/// labels arrive — confidence-based performance estimation (CBPE), built in Monitoring/Estimation. Monitor starts
/// one estimate per served version, hands it every logged prediction as it streams past (so it must aggregate, not
/// hold rows), and reports its result under <c>estimated.&lt;metric&gt;</c> with the evaluation catalogue's names
/// (<c>auc</c>, <c>accuracy</c>, <c>f1</c> …), where monitor gates can name them.
/// </summary>
internal interface IQualityEstimate
{
    /// <summary>One logged prediction (<c>label</c>/<c>probabilities</c>) of this version.</summary>
    void Add(JsonElement prediction);

    /// <summary>The estimated metrics over everything added.</summary>
    IReadOnlyDictionary<string, double?> Result();
}

/// <summary>Starts a version's estimate, or says why it cannot (no calibration for it, a regression model…).</summary>
internal delegate IQualityEstimate? QualityEstimator(VersionReference version, out string? whyNot);
