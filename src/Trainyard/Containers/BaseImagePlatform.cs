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

    /// <summary>The base image's details from the engine, which must have it: <paramref name="who"/> pulls nothing.</summary>
    /// <param name="who">What needs it, for the message: <c>Containerize</c>, <c>the gateway image</c>.</param>
    public static async Task<ImageDetails> InspectAsync(DockerEngine engine, string baseImage, string who, CancellationToken cancellationToken) =>
        await engine.InspectImageAsync(baseImage, cancellationToken)
            ?? throw new TrainyardException($"The base image {baseImage} is not on the engine at {engine.Host}, and {who} pulls nothing: " +
                $"run docker pull {baseImage} (or docker load it), or pass --base-image with an image the engine has");

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
