namespace Trainyard.Docker;

/// <summary>
/// A Docker operation failed. The message names the operation ("docker build", "docker push localhost:5000/x:v1"),
/// carries the engine's own message and, where it helps, what to do.
/// </summary>
internal sealed class DockerException(string message, Exception? innerException = null)
    : TrainyardException(message, null, innerException)
{
    /// <summary>The HTTP status the engine answered with, when the failure was an error response.</summary>
    public int? StatusCode { get; init; }
}
