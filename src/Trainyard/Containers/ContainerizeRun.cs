using Spectre.Console;
using Trainyard.Docker;
using Trainyard.IO;
using Trainyard.Registry;
using Trainyard.Runtime;
using Trainyard.Training;

namespace Trainyard.Containers;

/// <summary>What Containerize was asked to do (its parameters, checked).</summary>
internal sealed record ContainerizeRequest(
    ImageName Image, string BaseImage, DockerHost Host, Docker.RegistryCredentials? Credentials, ServingSource Serving, ServingBuild Build, string Folder);

/// <summary>
/// Containerize's steps, in the order that keeps a bad image from going anywhere: connect to the engine (fail fast),
/// export the model version into model/, publish the server for the base image's platform into app/, write the
/// Dockerfile, build (context streamed), smoke-test the built image by id, and only then tag <c>&lt;image&gt;:vN</c>,
/// push when the image names a registry, and record the image in the version's registry entry.
/// </summary>
internal static class ContainerizeRun
{
    public static async Task<ModelImage> RunAsync(ContainerizeRequest request, DockerEngine engine, ModelRegistry registry, ModelVersion version,
        string root, IReadOnlyDictionary<string, string> environment, IAnsiConsole console, CancellationToken cancellationToken)
    {
        var folder = request.Folder;
        Directory.CreateDirectory(folder);
        var baseImage = await BaseImagePlatform.InspectAsync(engine, request.BaseImage, "Containerize", cancellationToken);
        var runtimeIdentifier = BaseImagePlatform.RuntimeIdentifier(request.BaseImage, baseImage);

        var package = await registry.ReadPackageAsync(version, cancellationToken);
        var model = Path.Combine(folder, "model");
        string exported;
        try
        {
            await package.ExportAsync(model, version.Tag, cancellationToken);
            exported = (await Runtime.Packaging.OciImageLayout.OpenAsync(model, cancellationToken)).Resolve(version.Tag).Digest;
        }
        catch (ModelFormatException e)
        {
            throw new TrainyardException($"Cannot export {version.Reference} into {model}: {e.Message}", innerException: e);
        }
        if (exported != version.Digest)
            throw new TrainyardException($"{model}: the exported package has digest {exported}, but {version.Reference} is {version.Digest}; report this as a bug in Trainyard");
        console.WriteLine($"Exported {version.Reference} ({version.Digest}) to {RepositoryPath.Shown(root, model)}");

        await ServingPublish.PublishAsync(request.Serving, runtimeIdentifier, request.Build, folder, path => RepositoryPath.Shown(root, path), console, cancellationToken);

        var origin = await GitRevision.GitAsync(root, ["remote", "get-url", "origin"], cancellationToken);
        var target = request.Image.WithTag(version.Tag);
        var dockerfile = Dockerfile.Render(new DockerfileInputs(request.BaseImage, request.Build, version.Metadata.Name, version.Tag, version.Digest, target,
            ImageLabels.For(version, ImageLabels.Source(environment, origin), DateTimeOffset.UtcNow)));
        await AtomicFile.WriteAllTextAsync(Path.Combine(folder, "Dockerfile"), dockerfile, cancellationToken);
        console.WriteLine($"Wrote {RepositoryPath.Shown(root, Path.Combine(folder, "Dockerfile"))} (FROM {request.BaseImage}, {SmokeTest.Short(baseImage.Id)})");

        console.WriteLine($"Building the image on {engine.Host} (Docker {engine.EngineVersion}, API {engine.ApiVersion}) …");
        var id = await engine.BuildImageAsync(new ImageBuild([]),
            (stream, ct) => ImageContext.WriteAsync(folder, ["Dockerfile", "app", "model"], stream, ct),
            line => console.WriteLine("  " + line.TrimEnd()), cancellationToken);
        console.WriteLine($"Built {SmokeTest.Short(id)}");

        await SmokeTest.RunAsync(engine, id, package.ReadExample(), version.Reference, console, cancellationToken);

        var (repository, tag) = (request.Image.Repository, version.Tag);
        await engine.TagImageAsync(id, repository, tag, cancellationToken);
        var size = (await engine.InspectImageAsync(id, cancellationToken))?.Size ?? 0;
        console.WriteLine($"Tagged {target} ({size / 1e6:0.0} MB)");
        string? digest = null;
        if (request.Image.IsPushed)
        {
            console.WriteLine($"Pushing {target} …");
            digest = await engine.PushImageAsync(repository, tag, request.Credentials, line => console.WriteLine("  " + line.TrimEnd()), cancellationToken);
        }
        var image = new ModelImage(target, id, digest, DateTimeOffset.UtcNow);
        await registry.RecordImageAsync(version, image, cancellationToken);
        console.WriteLine(image.DigestReference is { } pinned ? $"Pushed {pinned}" : $"Not pushed: {request.Image.Repository} names no registry host (e.g. ghcr.io/OWNER/{version.Metadata.Name})");
        console.WriteLine($"Recorded the image in {registry.Location}, {registry.Model}:{ModelRegistry.ImagesTagOf(version)}");
        return image;
    }

    /// <summary>
    /// The registry version that holds the model in the pipeline's artifacts: the one with the same content key, which
    /// Package has just published or found already there.
    /// </summary>
    public static async Task<ModelVersion> FindVersionAsync(ModelRegistry registry, string contentKey, CancellationToken cancellationToken) =>
        (await registry.ListAsync(cancellationToken)).LastOrDefault(v => v.Metadata.ContentKey == contentKey)
            ?? throw new TrainyardException($"{registry.Location}: no version of {registry.Model} holds the model in the artifacts folder; run Package first");
}
