using Trainyard.Registry;
using Trainyard.Runtime.Registry;

namespace Trainyard.Tests.Registry.Distribution;

/// <summary>Reading <c>WWW-Authenticate: Bearer …</c> parameters as registries write them.</summary>
public sealed class ChallengeTests
{
    [Fact]
    public void QuotedValuesKeepTheirCommasAndSpaces()
    {
        // A mount's challenge: two scopes, space-separated, each with a comma between actions.
        var parameters = DistributionAuth.ParseParameters(
            "realm=\"https://ghcr.io/token\",service=\"ghcr.io\",scope=\"repository:acme/models/credit-risk:pull,push repository:acme/models/ames:pull\"");

        Assert.Equal("https://ghcr.io/token", parameters["realm"]);
        Assert.Equal("ghcr.io", parameters["service"]);
        Assert.Equal("repository:acme/models/credit-risk:pull,push repository:acme/models/ames:pull", parameters["scope"]);
    }

    [Fact]
    public void UnquotedValuesEscapedQuotesAndSpacingAreRead()
    {
        var parameters = DistributionAuth.ParseParameters("realm=https://auth.example/token , Service=\"say \\\"hi\\\"\",error=\"insufficient_scope\"");

        Assert.Equal("https://auth.example/token", parameters["realm"]);
        Assert.Equal("say \"hi\"", parameters["service"]); // names are case-insensitive
        Assert.Equal("insufficient_scope", parameters["error"]);
    }
}
