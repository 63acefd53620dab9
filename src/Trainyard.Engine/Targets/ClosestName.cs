namespace Trainyard.Targets;

/// <summary>Suggests the known name nearest to a mistyped one (Levenshtein distance, case-insensitive).</summary>
internal static class ClosestName
{
    public static string? Find(string typed, IEnumerable<string> known) =>
        known.Select(name => (name, distance: Distance(typed.ToLowerInvariant(), name.ToLowerInvariant())))
            .Where(x => x.distance <= Math.Max(3, typed.Length / 2))
            .OrderBy(x => x.distance)
            .Select(x => x.name)
            .FirstOrDefault();

    public static string Suggestion(string typed, IEnumerable<string> known, string prefix = "") =>
        Find(typed, known) is { } closest ? $" Did you mean '{prefix}{closest}'?" : "";

    private static int Distance(string a, string b)
    {
        var previous = Enumerable.Range(0, b.Length + 1).ToArray();
        for (var i = 1; i <= a.Length; i++)
        {
            var current = new int[b.Length + 1];
            current[0] = i;
            for (var j = 1; j <= b.Length; j++)
                current[j] = Math.Min(Math.Min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1));
            previous = current;
        }
        return previous[b.Length];
    }
}
