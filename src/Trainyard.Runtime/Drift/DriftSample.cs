namespace Trainyard.Runtime.Drift;

/// <summary>The minimum-sample rule every drift measurement follows (ValidateData, the model server, Monitor).</summary>
internal static class DriftSample
{
    /// <summary>
    /// Non-missing values each side needs before a column is judged: below 30 a share is mostly noise (a handful of
    /// requests gave PSI 1.3–9.4 on undrifted data). ValidateData's default <c>drift.min_sample_size</c>.
    /// </summary>
    public const int Minimum = 30;

    public static bool Enough(long reference, long current, long minimum = Minimum) => reference >= minimum && current >= minimum;
}
