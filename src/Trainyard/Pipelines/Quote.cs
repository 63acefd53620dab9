using Trainyard.Targets;

namespace Trainyard.Pipelines;

/// <summary>Suggestions for a mistyped key or value, so every error offers them the same way.</summary>
internal static class Quote
{
    /// <summary>The candidate closest to what was typed, when it is close enough to be a likely typo.</summary>
    public static string? Closest(string typed, IEnumerable<string> candidates) =>
        // A third of the candidate's length catches typos and plural slips without suggesting unrelated keys.
        ClosestName.Find(typed, candidates, name => Math.Max(2, name.Length / 3))
        // Long and short forms of one word (maximum → max, thresh → threshold).
        ?? candidates.FirstOrDefault(c => Math.Min(c.Length, typed.Length) >= 3
            && (typed.StartsWith(c, StringComparison.OrdinalIgnoreCase) || c.StartsWith(typed, StringComparison.OrdinalIgnoreCase)));

    public static string DidYouMean(string typed, IEnumerable<string> candidates) =>
        Closest(typed, candidates) is { } close ? $"did you mean '{close}'? " : "";
}
