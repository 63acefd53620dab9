namespace Trainyard.Pipelines;

/// <summary>Suggestions for a mistyped key or value, so every error offers them the same way.</summary>
internal static class Quote
{
    /// <summary>The candidate closest to what was typed, when it is close enough to be a likely typo.</summary>
    public static string? Closest(string typed, IEnumerable<string> candidates)
    {
        var best = candidates
            .Select(c => (Name: c, Distance: Distance(typed.ToLowerInvariant(), c.ToLowerInvariant())))
            .OrderBy(c => c.Distance)
            .FirstOrDefault();
        // A third of the word's length catches typos and plural slips without suggesting unrelated keys.
        if (best.Name is not null && best.Distance <= Math.Max(2, best.Name.Length / 3)) return best.Name;
        // Long and short forms of one word (maximum → max, thresh → threshold).
        return candidates.FirstOrDefault(c => Math.Min(c.Length, typed.Length) >= 3
            && (typed.StartsWith(c, StringComparison.OrdinalIgnoreCase) || c.StartsWith(typed, StringComparison.OrdinalIgnoreCase)));
    }

    public static string DidYouMean(string typed, IEnumerable<string> candidates) =>
        Closest(typed, candidates) is { } close ? $"did you mean '{close}'? " : "";

    // Levenshtein distance over two rows.
    private static int Distance(string a, string b)
    {
        var previous = Enumerable.Range(0, b.Length + 1).ToArray();
        var current = new int[b.Length + 1];
        for (var i = 1; i <= a.Length; i++)
        {
            current[0] = i;
            for (var j = 1; j <= b.Length; j++)
            {
                var substitution = previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1);
                current[j] = Math.Min(substitution, Math.Min(previous[j] + 1, current[j - 1] + 1));
            }
            (previous, current) = (current, previous);
        }
        return previous[b.Length];
    }
}
