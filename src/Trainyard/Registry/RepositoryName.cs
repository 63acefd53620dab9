using System.Text.RegularExpressions;

namespace Trainyard.Registry;

/// <summary>
/// What may name a model's repository in a store: the distribution spec's path component — lower-case letters and
/// digits, separated by '.', '_', '__' or dashes. A pipeline name may hold more (upper case), so it is checked here
/// with a message that says how to rename it.
/// </summary>
internal static partial class RepositoryName
{
    public static bool IsValid(string name) => Pattern().IsMatch(name);

    public static string Problem(string name) =>
        $"the pipeline name '{name}' cannot name a model in a registry: use lower-case letters and digits separated by '.', '_' or '-' " +
        $"(e.g. name: {name.ToLowerInvariant()})";

    public static void Require(string name)
    {
        if (!IsValid(name)) throw new TrainyardException(Problem(name));
    }

    [GeneratedRegex("^[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*$")]
    private static partial Regex Pattern();
}
