using System.Text.RegularExpressions;

namespace Trainyard.Runtime.Registry;

/// <summary>
/// The distribution spec's grammars for repository names and tags, which OCI registries enforce: checked before a
/// name goes into a URL, by the build side's DistributionAddress and the server's <see cref="RegistryReference"/>
/// alike. Digests are <see cref="Packaging.BlobCheck.IsSha256"/>.
/// </summary>
internal static partial class DistributionGrammar
{
    public const string NameRule = "lower-case letters and digits, separated by '.', '_', '-' or '/'";
    public const string TagRule = "letters, digits, '.', '_', '-'; at most 128";

    public static bool IsRepositoryName(string name) => RepositoryName().IsMatch(name);

    public static bool IsTag(string tag) => Tag().IsMatch(tag);

    [GeneratedRegex("^[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*(?:/[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*)*$")]
    private static partial Regex RepositoryName();

    [GeneratedRegex("^[A-Za-z0-9_][A-Za-z0-9._-]{0,127}$")]
    private static partial Regex Tag();
}
