using System.Text.Json.Serialization;

namespace Trainyard.GitHub;

/// <summary>An issue or pull-request comment, with the members Trainyard reads.</summary>
public sealed record IssueComment(long Id, string Body, string? HtmlUrl);

/// <summary>The states GitHub accepts for a commit status.</summary>
public enum CommitState { Error, Failure, Pending, Success }

/// <summary>
/// A commit status as posted: <paramref name="Context"/> names the check (one per pipeline), GitHub keeps the
/// latest status per context; <paramref name="Description"/> is cut to GitHub's 140-character limit when posted.
/// </summary>
public sealed record CommitStatus(CommitState State, string Context, string? Description = null, string? TargetUrl = null);

/// <summary>What GitHub returned for a posted status.</summary>
public sealed record PostedStatus(long Id, CommitState State, string? Context);

/// <summary>Whether the pipeline's comment was created or updated in place.</summary>
public enum CommentAction { Created, Updated }

/// <summary>The pipeline's comment after posting, and what was done to it.</summary>
public sealed record PostedComment(IssueComment Comment, CommentAction Action);

/// <summary>Request bodies, serialized in snake_case as GitHub expects.</summary>
internal sealed record CommentBody(string Body);

internal sealed record StatusBody(
    CommitState State,
    string Context,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Description,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? TargetUrl);

/// <summary>GitHub's error body: <c>message</c>, and for validation failures an <c>errors</c> array.</summary>
internal sealed record GitHubErrorBody(string? Message, IReadOnlyList<GitHubErrorEntry>? Errors, string? DocumentationUrl);

/// <summary>
/// One <c>errors[]</c> entry. GitHub's documented shape has resource, field, code and message, but some
/// endpoints send a bare string instead, which lands in <see cref="Message"/> through the converter.
/// </summary>
[JsonConverter(typeof(GitHubErrorEntryConverter))]
internal sealed record GitHubErrorEntry(string? Resource, string? Field, string? Code, string? Message)
{
    public override string ToString()
    {
        var where = string.Join('.', new[] { Resource, Field }.Where(s => !string.IsNullOrEmpty(s)));
        var parts = new[] { where, Code, Message }.Where(s => !string.IsNullOrEmpty(s));
        return string.Join(' ', parts);
    }
}
