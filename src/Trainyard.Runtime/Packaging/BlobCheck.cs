using System.Text.RegularExpressions;

namespace Trainyard.Runtime.Packaging;

/// <summary>
/// Checks bytes against the descriptor that names them — size first (a truncated blob says so), then the sha256
/// digest — so every read of a package, from memory, a layout folder or a registry, refuses damage the same way.
/// </summary>
internal static partial class BlobCheck
{
    const string Remedy = "the package is damaged or was tampered with — push it again";

    /// <param name="what">The blob in words: <c>layer model.json</c>, <c>the config</c>, <c>the manifest</c>.</param>
    /// <param name="claimant">Who names the blob by digest: <c>the manifest</c>, <c>index.json</c>, <c>the reference</c>.</param>
    public static void Verify(OciDescriptor expected, ReadOnlySpan<byte> content, string what, string claimant, string source)
    {
        RequireSha256(expected.Digest, what, source);
        if (content.Length != expected.Size)
            throw new ModelFormatException($"{source}: {what} is {content.Length} bytes but {claimant} says {expected.Size}; " +
                (content.Length < expected.Size ? "the package is truncated or damaged — push it again" : Remedy));
        var actual = OciBlobs.DigestOf(content);
        if (actual != expected.Digest)
            throw new ModelFormatException($"{source}: {what} has digest {actual} but {claimant} says {expected.Digest}; {Remedy}");
    }

    /// <summary>Only <c>sha256:</c> and 64 lower-case hex digits: anything else cannot be checked, and must never become a path.</summary>
    public static void RequireSha256(string digest, string what, string source)
    {
        if (!IsSha256(digest))
            throw new ModelFormatException($"{source}: {what} is named by digest '{digest}', not sha256:<64 lower-case hex digits>; Trainyard packages use sha256 only");
    }

    public static bool IsSha256(string? digest) => digest is not null && Sha256Digest().IsMatch(digest);

    [GeneratedRegex("^sha256:[0-9a-f]{64}$")]
    private static partial Regex Sha256Digest();
}
