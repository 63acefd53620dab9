using Trainyard.Runtime.Registry;

namespace Trainyard.Tests.Serving;

/// <summary>
/// How TRAINYARD_MODEL is read. Expected values follow docker's reference grammar (a host has a dot, a port or is
/// localhost; name:tag@digest takes the digest) and its default of plain HTTP for loopback registries only.
/// </summary>
public sealed class RegistryReferenceTests
{
    [Theory]
    [InlineData("localhost:5000/models/credit-risk:production", "http://localhost:5000/v2/models/credit-risk/manifests/production")]
    [InlineData("127.0.0.1:5000/credit-risk:v3", "http://127.0.0.1:5000/v2/credit-risk/manifests/v3")]
    [InlineData("[::1]:5000/credit-risk:v3", "http://[::1]:5000/v2/credit-risk/manifests/v3")]
    [InlineData("ghcr.io/acme/models/credit-risk:production", "https://ghcr.io/v2/acme/models/credit-risk/manifests/production")]
    [InlineData("http://registry.internal:5000/credit-risk:v1", "http://registry.internal:5000/v2/credit-risk/manifests/v1")]
    [InlineData("https://localhost:5000/credit-risk:v1", "https://localhost:5000/v2/credit-risk/manifests/v1")]
    [InlineData("ghcr.io/acme/credit-risk:v1@sha256:" + Hex, "https://ghcr.io/v2/acme/credit-risk/manifests/sha256:" + Hex)]
    public void AReferenceNamesTheManifestURLWithLoopbackOnPlainHTTP(string text, string manifest)
    {
        var reference = RegistryReference.Parse(text, out var problem);

        Assert.Null(problem);
        Assert.Equal(manifest, reference!.Manifest.AbsoluteUri);
    }

    [Theory]
    [InlineData("credit-risk:production", "names no registry host")]
    [InlineData("models/credit-risk:production", "names no registry host")]
    [InlineData("localhost:5000/credit-risk", "names no tag or digest")]
    [InlineData("localhost:5000/Credit-Risk:v1", "'Credit-Risk' is not a repository name")]
    [InlineData("localhost:5000/credit-risk:v1/x", "'v1/x' is not a tag")]
    [InlineData("localhost:5000/credit-risk@sha256:abc", "'sha256:abc' is not a sha256 digest")]
    [InlineData("user:pw@localhost:5000/credit-risk:v1", "is not a host[:port]")]
    public void AMalformedReferenceSaysWhatIsWrong(string text, string expected)
    {
        Assert.Null(RegistryReference.Parse(text, out var problem));
        Assert.Contains(expected, problem);
    }

    const string Hex = "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef";
}
