using Trainyard.Targets;

namespace Trainyard.Components;

/// <summary>The GitHub token Comment posts with and Monitor opens its issue with (<c>--open-issue</c>): one secret parameter.</summary>
public interface IHazGitHub : ITrainyardBuild
{
    // Named Github, not GitHub, so the option reads --github-token.
    [Parameter("GitHub token to post the PR comment and commit status, and Monitor's issue (in Actions: secrets.GITHUB_TOKEN)", EnvironmentVariable = "GITHUB_TOKEN"), Secret]
    string? GithubToken => TryGetValue(() => GithubToken);
}
