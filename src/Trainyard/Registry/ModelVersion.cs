using System.Globalization;
using Trainyard.Runtime.Packaging;

namespace Trainyard.Registry;

/// <summary>
/// One published model: its number (tag <c>v3</c>), the package's manifest digest, the metadata from its config blob,
/// and the aliases (<c>candidate</c>, <c>production</c>…) that point at it now. A version never changes: the registry
/// never re-points a <c>vN</c> tag, and the digest pins every byte of the package.
/// </summary>
internal sealed record ModelVersion(int Number, string Digest, ModelMetadata Metadata, IReadOnlyList<string> Aliases)
{
    public string Tag => TagOf(Number);

    /// <summary><c>credit-risk:v3</c>.</summary>
    public string Reference => $"{Metadata.Name}:{Tag}";

    /// <summary><c>credit-risk@sha256:…</c>: what a deployment should name, since tags can move and digests cannot.</summary>
    public string DigestReference => $"{Metadata.Name}@{Digest}";

    public static string TagOf(int number) => "v" + number.ToString(CultureInfo.InvariantCulture);

    /// <summary>The number of a version tag (<c>v12</c> → 12); null for anything else (an alias, <c>v0</c>, <c>v01</c>).</summary>
    public static int? NumberOf(string tag) =>
        tag.Length > 1 && tag[0] == 'v' && tag[1] != '0' && tag.Skip(1).All(char.IsAsciiDigit) &&
        int.TryParse(tag.AsSpan(1), NumberStyles.None, CultureInfo.InvariantCulture, out var number)
            ? number
            : null;

    /// <summary>A digest as tables show it: the algorithm and the first 12 hex digits, as docker does.</summary>
    public static string Short(string digest) => digest.Length > 19 ? digest[..19] : digest;
}
