namespace Trainyard.Evaluation;

/// <summary>Suggestions for a mistyped metric name: the available names fewest edits away.</summary>
internal static class ClosestNames
{
    public static IReadOnlyList<string> To(string wanted, IEnumerable<string> available, int count = 3) =>
        available
            .Select(name => (name, Distance: Distance(wanted, name) - (name.Contains(wanted, StringComparison.Ordinal) ? wanted.Length : 0)))
            .OrderBy(x => x.Distance).ThenBy(x => x.name, StringComparer.Ordinal)
            .Take(count).Select(x => x.name).ToArray();

    /// <summary>Levenshtein distance (insertions, deletions, substitutions), case-insensitive.</summary>
    private static int Distance(string a, string b)
    {
        a = a.ToLowerInvariant();
        b = b.ToLowerInvariant();
        var previous = new int[b.Length + 1];
        var current = new int[b.Length + 1];
        for (var j = 0; j <= b.Length; j++) previous[j] = j;
        for (var i = 1; i <= a.Length; i++)
        {
            current[0] = i;
            for (var j = 1; j <= b.Length; j++)
                current[j] = Math.Min(Math.Min(current[j - 1], previous[j]) + 1, previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1));
            (previous, current) = (current, previous);
        }
        return previous[b.Length];
    }
}
