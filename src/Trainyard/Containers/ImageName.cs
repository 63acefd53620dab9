using System.Text.RegularExpressions;

namespace Trainyard.Containers;

/// <summary>
/// The <c>--image</c> repository, as Docker reads a reference: a first component with a dot or a port, or
/// <c>localhost</c>, is a registry host (<c>ghcr.io/acme/credit-risk</c>, <c>localhost:5000/ml/credit-risk</c>) and
/// the image is pushed there; otherwise (<c>trainyard/credit-risk</c>) it stays on the engine.
/// </summary>
internal sealed partial record ImageName(string Repository)
{
    /// <summary>The registry host the image is pushed to; null for a local-only name.</summary>
    public string? RegistryHost
    {
        get
        {
            var slash = Repository.IndexOf('/');
            if (slash < 0) return null;
            var first = Repository[..slash];
            return first.Contains('.') || first.Contains(':') || first == "localhost" ? first : null;
        }
    }

    public bool IsPushed => RegistryHost is not null;

    /// <summary><c>repository:v3</c>.</summary>
    public string WithTag(string tag) => $"{Repository}:{tag}";

    /// <summary><c>trainyard/credit-risk</c> unless <c>--image</c> names another repository.</summary>
    public static ImageName DefaultFor(string pipeline) => new($"trainyard/{pipeline}");

    /// <summary>Checks the name against the distribution grammar, with a message that says what to write instead.</summary>
    public static ImageName Parse(string text)
    {
        var name = text.Trim();
        if (name.Contains('@') || Tagged().IsMatch(name))
            throw new UsageException($"--image '{text}' holds a tag or digest; give the repository only (e.g. ghcr.io/acme/credit-risk): Containerize tags it with the model version");
        if (!Reference().IsMatch(name))
            throw new UsageException($"--image '{text}' is not an image repository: use lower-case letters, digits and '.', '_', '-' separated by '/', " +
                "optionally after a registry host (localhost:5000/ml/credit-risk, ghcr.io/acme/credit-risk)");
        return new ImageName(name);
    }

    // A ':' after the last '/' is a tag (a ':' before it is a registry port).
    [GeneratedRegex(@":[^/]*$")]
    private static partial Regex Tagged();

    // distribution/reference: [host[:port]/]path-component(/path-component)*, each component [a-z0-9]+([._-][a-z0-9]+)* ('__' too).
    [GeneratedRegex(@"^((?:[a-zA-Z0-9](?:[a-zA-Z0-9-]*[a-zA-Z0-9])?)(?:\.[a-zA-Z0-9](?:[a-zA-Z0-9-]*[a-zA-Z0-9])?)*(?::[0-9]+)?/)?[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*(?:/[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*)*$")]
    private static partial Regex Reference();
}
