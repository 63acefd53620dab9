namespace Trainyard.Data.Drift;

/// <summary>How p-values are adjusted when many columns are tested at once.</summary>
internal enum PValueCorrectionMethod
{
    /// <summary>Raw p-values: with 20 unchanged columns at 0.05, about one false alarm per run.</summary>
    None,
    /// <summary>p × m: the family-wise error stays ≤ α; simple and conservative.</summary>
    Bonferroni,
    /// <summary>Holm's step-down: the same guarantee as Bonferroni, never less powerful.</summary>
    Holm,
}

/// <summary>Multiple-testing corrections. Adjusted p-values are compared with α directly (drift when ≤ α).</summary>
internal static class PValueCorrection
{
    public static double[] Adjust(IReadOnlyList<double> pValues, PValueCorrectionMethod method)
    {
        var m = pValues.Count;
        var adjusted = new double[m];
        switch (method)
        {
            case PValueCorrectionMethod.None:
                for (var i = 0; i < m; i++) adjusted[i] = pValues[i];
                break;
            case PValueCorrectionMethod.Bonferroni:
                for (var i = 0; i < m; i++) adjusted[i] = Math.Min(1.0, pValues[i] * m);
                break;
            case PValueCorrectionMethod.Holm:
                // Ascending p; the j-th smallest (0-based) is scaled by m − j, and a running maximum keeps the
                // adjusted values in the same order as the raw ones. Ties keep input order, so results reproduce.
                var order = Enumerable.Range(0, m).OrderBy(i => pValues[i]).ThenBy(i => i).ToArray();
                var runningMax = 0.0;
                for (var j = 0; j < m; j++)
                {
                    runningMax = Math.Max(runningMax, Math.Min(1.0, pValues[order[j]] * (m - j)));
                    adjusted[order[j]] = runningMax;
                }
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(method), method, "Unknown correction.");
        }
        return adjusted;
    }
}
