namespace Trainyard.Docker;

internal sealed partial class DockerEngine
{
    /// <summary>
    /// Builds from a tar context that <paramref name="writeContext"/> writes straight into the request body (streamed,
    /// never buffered whole). Each build output line goes to <paramref name="output"/> as it arrives. Returns the image id.
    /// </summary>
    public Task<string> BuildImageAsync(ImageBuild build, Func<Stream, CancellationToken, Task> writeContext,
        Action<string> output, CancellationToken ct) => throw new NotImplementedException();
}
