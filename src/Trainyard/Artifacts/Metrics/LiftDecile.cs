namespace Trainyard.Artifacts.Metrics;

/// <summary>One tenth of the rows, by score from the highest (decile 1) down.</summary>
/// <param name="Rate">Share of label 1 in the decile.</param>
/// <param name="Lift">Rate ÷ the overall rate of label 1.</param>
/// <param name="CumulativeGain">Share of all positives found in deciles 1..this one.</param>
/// <param name="CumulativeLift">Rate of deciles 1..this one ÷ the overall rate.</param>
internal sealed record LiftDecile(
    int Decile, int Rows, int Positives, double MinScore, double MaxScore,
    double Rate, double Lift, double CumulativeGain, double CumulativeLift);
