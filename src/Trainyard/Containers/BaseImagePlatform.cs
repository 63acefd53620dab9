using Trainyard.Docker;

namespace Trainyard.Containers;

/// <summary>
/// The .NET runtime identifier the server is published for: the base image's platform, as the engine reports it
/// (<c>docker image inspect</c>'s Os and Architecture). Self-contained, so the image carries the runtime for its own
/// platform, whatever machine runs Containerize.
/// </summary>
internal static class BaseImagePlatform
{
    static readonly IReadOnlyDictionary<string, string> Linux = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["amd64"] = "linux-x64",
        ["arm64"] = "linux-arm64",
    };

    public static string RuntimeIdentifier(string baseImage, ImageDetails image)
    {
        var supported = string.Join(", ", Linux.Select(p => $"linux/{p.Key}"));
        if (image.Os is { Length: > 0 } os && os != "linux")
            throw new TrainyardException($"The base image {baseImage} is for {os}/{image.Architecture}; the model server runs on {supported}. Pass --base-image with a Linux image");
        return Linux.TryGetValue(image.Architecture, out var runtimeIdentifier) ? runtimeIdentifier
            : throw new TrainyardException($"The base image {baseImage} is for the architecture '{image.Architecture}', which Containerize cannot publish the model server for; " +
                $"supported: {supported}. Pass --base-image with an image for one of those");
    }
}
