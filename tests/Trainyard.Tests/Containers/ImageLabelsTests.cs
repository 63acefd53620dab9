using Trainyard.Containers;

namespace Trainyard.Tests.Containers;

/// <summary>org.opencontainers.image.source: where the image's code lives, as registries link it — never with a secret.</summary>
public sealed class ImageLabelsTests
{
    static readonly IReadOnlyDictionary<string, string> NoEnvironment = new Dictionary<string, string>();

    [Fact]
    public void InActionsTheSourceIsTheGitHubRepository()
    {
        var environment = new Dictionary<string, string> { ["GITHUB_REPOSITORY"] = "acme/credit", ["GITHUB_SERVER_URL"] = "https://ghe.acme.test" };
        Assert.Equal("https://ghe.acme.test/acme/credit", ImageLabels.Source(environment, "git@github.com:other/repo.git"));
    }

    [Theory]
    [InlineData("git@github.com:acme/credit.git", "https://github.com/acme/credit")]
    [InlineData("https://github.com/acme/credit.git\n", "https://github.com/acme/credit")]
    [InlineData("https://x-access-token:ghp_secret@github.com/acme/credit.git", "https://github.com/acme/credit")]
    [InlineData("https://deploy@git.acme.test:8443/ml/credit", "https://git.acme.test:8443/ml/credit")]
    public void OutsideActionsTheSourceIsTheOriginRemoteAsHttpsWithoutCredentials(string origin, string expected) =>
        Assert.Equal(expected, ImageLabels.Source(NoEnvironment, origin));

    [Fact]
    public void WithoutRepositoryOrRemoteThereIsNoSource() => Assert.Null(ImageLabels.Source(NoEnvironment, null));
}
