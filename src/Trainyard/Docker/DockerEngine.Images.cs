namespace Trainyard.Docker;

internal sealed partial class DockerEngine
{
    public Task TagImageAsync(string image, string repository, string tag, CancellationToken ct) => throw new NotImplementedException();

    /// <summary>Null when the engine has no such image.</summary>
    public Task<ImageDetails?> InspectImageAsync(string image, CancellationToken ct) => throw new NotImplementedException();

    public Task RemoveImageAsync(string image, bool force, CancellationToken ct) => throw new NotImplementedException();

    /// <summary>Imports a root filesystem tar as an image (POST /images/create?fromSrc=-); returns the image id.</summary>
    public Task<string> ImportImageAsync(Func<Stream, CancellationToken, Task> writeRootFsTar, string repository, string tag,
        IReadOnlyList<string> changes, CancellationToken ct) => throw new NotImplementedException();
}
