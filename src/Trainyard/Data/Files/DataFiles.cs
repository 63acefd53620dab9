using System.IO.Enumeration;
using Trainyard.IO;

namespace Trainyard.Data.Files;

/// <summary>
/// The CSV files a spec's <c>data.path</c> names, read in this order as one table: a single file; a folder (every
/// <c>*.csv</c> directly in it); or a pattern with <c>*</c>/<c>?</c> in the file name (<c>data/churn/*.csv</c>).
/// Several files are read in ordinal name order, so dated names (<c>2026-01.csv</c>, <c>2026-02.csv</c>) read oldest
/// first, whatever the file system lists first.
/// </summary>
/// <param name="Pattern">data.path as the spec writes it.</param>
/// <param name="Paths">Each file relative to the repository root, as messages and lineage name it.</param>
internal sealed record DataFiles(string Pattern, IReadOnlyList<string> Paths)
{
    public bool IsSingle => Paths.Count == 1 && Paths[0] == Pattern;

    /// <summary>Whether <paramref name="path"/> names several files (a folder or a pattern) rather than one.</summary>
    public static bool IsPattern(string path) => path.IndexOfAny(Wildcards) >= 0;

    /// <summary>The files <paramref name="pattern"/> names under <paramref name="root"/>; an error when there are none.</summary>
    public static DataFiles Resolve(string root, string pattern)
    {
        var matched = Match(root, pattern);
        if (matched is null) throw new TrainyardException($"data file not found: {pattern} (resolved to {Path.GetFullPath(Path.Combine(root, pattern))})");
        if (matched.Count == 0)
            throw new TrainyardException(IsPattern(pattern)
                ? $"no file matches data.path {pattern}; the pattern's folder holds no file with a name like {Path.GetFileName(pattern)}"
                : $"data.path {pattern} is a folder with no *.csv file in it");
        return new DataFiles(pattern, matched);
    }

    /// <summary>
    /// For a target's inputs (its fingerprint): the matched files, so adding, removing or changing one runs the target
    /// again; the pattern itself when nothing matches yet (the fingerprint records it as missing).
    /// </summary>
    public static IReadOnlyList<string> Inputs(string root, string pattern) => Match(root, pattern) is { Count: > 0 } files ? files : [pattern];

    /// <summary>Null when a plain path names nothing; otherwise the matches, possibly none.</summary>
    static IReadOnlyList<string>? Match(string root, string pattern)
    {
        var full = Path.GetFullPath(Path.Combine(root, pattern));
        if (!IsPattern(pattern))
        {
            if (File.Exists(full)) return [pattern];
            if (!Directory.Exists(full)) return null;
            return Under(full, "*.csv", pattern.TrimEnd('/', '\\'));
        }
        var folder = Path.GetDirectoryName(full)!;
        var shownFolder = Path.GetDirectoryName(pattern.Replace('\\', '/'))?.Replace('\\', '/') ?? "";
        return Directory.Exists(folder) ? Under(folder, Path.GetFileName(full), shownFolder) : [];
    }

    static IReadOnlyList<string> Under(string folder, string namePattern, string shownFolder) =>
        [.. Directory.EnumerateFiles(folder, namePattern, new EnumerationOptions { MatchType = MatchType.Simple, RecurseSubdirectories = false })
            .Select(Path.GetFileName)
            // EnumerateFiles matches "*.csv" against "a.csvx" on some platforms (8.3 names); keep exact matches only.
            .Where(name => FileSystemName.MatchesSimpleExpression(namePattern, name!, ignoreCase: false))
            .Order(StringComparer.Ordinal)
            .Select(name => shownFolder.Length == 0 ? name! : $"{shownFolder}/{name}")];

    /// <summary>
    /// The data's content hash, as run.json records it: the file's sha256 for one file; for several, the sha256 of
    /// their <c>sha256sum</c> listing (hash, two spaces, path, newline each), so a changed, added or removed file changes it.
    /// </summary>
    public async Task<string> Sha256Async(string root, CancellationToken cancellationToken)
    {
        if (IsSingle) return await ContentHash.OfFileAsync(RepositoryPath.Full(root, Paths[0]), cancellationToken);
        var listing = new System.Text.StringBuilder();
        foreach (var path in Paths)
            listing.Append(await ContentHash.OfFileAsync(RepositoryPath.Full(root, path), cancellationToken)).Append("  ").Append(path).Append('\n');
        return ContentHash.Of(listing.ToString());
    }

    static readonly char[] Wildcards = ['*', '?'];
}
