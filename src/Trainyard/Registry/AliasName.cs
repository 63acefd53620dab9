using System.Text.RegularExpressions;

namespace Trainyard.Registry;

/// <summary>
/// The names an alias may have: lower-case words like <c>candidate</c>, <c>staging</c>, <c>production</c>
/// (<c>[a-z][a-z0-9-]*</c>, at most 128 characters, a valid tag everywhere), never a version tag (<c>v7</c>: versions
/// are immutable) and never <c>history</c> or <c>deployments</c>, the tags that hold the alias and deployment histories.
/// </summary>
internal static partial class AliasName
{
    public const string Candidate = "candidate";
    public const string Production = "production";

    /// <summary>The tag at the head of the alias history (<see cref="AliasHistory"/>).</summary>
    public const string HistoryTag = "history";

    /// <summary>The tag at the head of the deployment history (<see cref="DeploymentHistory"/>).</summary>
    public const string DeploymentsTag = "deployments";

    public static bool IsAlias(string tag) => Pattern().IsMatch(tag) && !IsVersionLike(tag) && tag != HistoryTag && tag != DeploymentsTag;

    /// <summary>Throws a <see cref="TrainyardException"/> saying what is wrong with the name and what to use.</summary>
    public static void Require(string alias)
    {
        if (IsVersionLike(alias))
            throw new TrainyardException($"'{alias}' is a version, not an alias: versions never move. Name an alias such as candidate, staging or production");
        if (alias == HistoryTag)
            throw new TrainyardException($"'{HistoryTag}' is where the registry keeps the alias history; choose another alias name");
        if (alias == DeploymentsTag)
            throw new TrainyardException($"'{DeploymentsTag}' is where the registry keeps the deployment history; choose another alias name");
        if (!Pattern().IsMatch(alias))
            throw new TrainyardException($"'{alias}' is not an alias name: use a lower-case letter, then lower-case letters, digits or dashes (e.g. staging, production, canary-eu)");
    }

    static bool IsVersionLike(string tag) => tag.Length > 1 && tag[0] == 'v' && tag.Skip(1).All(char.IsAsciiDigit);

    [GeneratedRegex("^[a-z][a-z0-9-]{0,127}$")]
    private static partial Regex Pattern();
}
