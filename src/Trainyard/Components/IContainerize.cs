using Spectre.Console;
using Trainyard.Containers;
using Trainyard.Docker;
using Trainyard.IO;
using Trainyard.Packaging;
using Trainyard.Targets;

namespace Trainyard.Components;

/// <summary>
/// Containerize: the model version Package published, served by Trainyard.Serving in a container image — built
/// through the Docker Engine API from a generated Dockerfile, smoke-tested before anything is tagged, tagged
/// <c>&lt;image&gt;:vN</c>, pushed when <c>--image</c> names a registry, and recorded in the version's registry
/// entry (<c>vN.image</c>). docs/containerize.md.
/// </summary>
public interface IContainerize : IPackage, IHazDocker
{
    [Parameter("Image repository, tagged with the model version; with a registry host (ghcr.io/OWNER/credit-risk, localhost:5000/ml/credit-risk) it is pushed (default: trainyard/<pipeline name>)")]
    string? Image => TryGetValue(() => Image);

    [Parameter("Base image: must be on the engine already, nothing is pulled (default: mcr.microsoft.com/dotnet/runtime-deps:10.0-noble-chiseled: no shell, user app)")]
    string BaseImage => TryGetValue(() => BaseImage) ?? "mcr.microsoft.com/dotnet/runtime-deps:10.0-noble-chiseled";

    [Parameter("Trainyard.Serving's project or folder, to publish the model server from source (default: src/Trainyard.Serving here, else the Trainyard.Serving package of this Trainyard's version)")]
    string? ServingProject => TryGetValue(() => ServingProject);

    [Parameter("How the model server is compiled into the image: aot (NativeAOT, one native executable; publishing needs clang and a machine of the base image's architecture) or jit (the .NET runtime, trimmed) (default: aot)")]
    ServingBuild? ServingBuild => TryGetValue(() => ServingBuild);

    [Parameter("User name for the image registry (GHCR in Actions: github.actor)"), Secret]
    string? ImageRegistryUsername => TryGetValue(() => ImageRegistryUsername);

    [Parameter("Password or token for the image registry (GHCR in Actions: secrets.GITHUB_TOKEN)"), Secret]
    string? ImageRegistryPassword => TryGetValue(() => ImageRegistryPassword);

    /// <summary>
    /// Settings hook: receives the image settings built from <c>--image</c>, <c>--base-image</c> and <c>--serving-build</c> (or their defaults)
    /// and returns the ones to build with, e.g.
    /// <c>Configure&lt;ContainerizeSettings&gt; IContainerize.ContainerizeSettings =&gt; s =&gt; s with { BaseImage = "registry.acme.io/base:10" };</c>
    /// What it returns wins over the command line. Default: unchanged.
    /// </summary>
    Configure<ContainerizeSettings> ContainerizeSettings => settings => settings;

    Target Containerize => _ => _
        .Description("Builds the model server image for the packaged version, smoke-tests it, tags <image>:vN and pushes it when --image names a registry")
        .DependsOn(Package)
        .OnlyWhen(IHazTrigger.NothingToRetrain, () => TrainingChainRuns)
        // The slow step (publishing the server) skips itself when up to date; the image and its smoke test always run.
        .AlwaysRuns("the image lives in the Docker engine, which Trainyard does not fingerprint (publishing the model server skips itself when up to date)")
        .Executes(async cancellationToken =>
        {
            var spec = Spec;
            var defaultImage = ImageName.DefaultFor(spec.Name);
            var built = new ContainerizeSettings
            {
                Image = Image is { Length: > 0 } text ? text : defaultImage.Repository, BaseImage = BaseImage,
                ServingBuild = ServingBuild ?? Containers.ContainerizeSettings.DefaultServingBuild,
            };
            var settings = ContainerizeSettings(built);
            var image = ImageOf(settings.Image, defaultImage, hookSetIt: settings.Image != built.Image);
            var host = EngineAddress;
            var credentials = image.RegistryHost is { } server && (ImageRegistryUsername is not null || ImageRegistryPassword is not null)
                ? new Docker.RegistryCredentials(server, ImageRegistryUsername, ImageRegistryPassword, null)
                : null;
            var request = new ContainerizeRequest(image, settings.BaseImage, host, credentials, ServingSource.Locate(Context.RootDirectory, ServingProject),
                settings.ServingBuild, RepositoryPath.Full(Context.RootDirectory, $"{PipelineArtifacts}/containerize"));

            using var engine = await DockerEngine.ConnectAsync(host, cancellationToken);
            var contentKey = await PackageInputs.ContentKeyAsync(spec, Context.RootDirectory, PipelineArtifacts, cancellationToken);
            await WithRegistryAsync(async registry =>
            {
                var version = await ContainerizeRun.FindVersionAsync(registry, contentKey, cancellationToken);
                await ContainerizeRun.RunAsync(request, engine, registry, version, Context.RootDirectory, Context.Environment, Context.Console, cancellationToken);
            });
        });

    // The default is not checked against the grammar (as before): only a name someone wrote is. A name the hook
    // wrote is checked as --image is, and the error says where it came from.
    private static ImageName ImageOf(string text, ImageName defaultImage, bool hookSetIt)
    {
        if (text == defaultImage.Repository) return defaultImage;
        try { return ImageName.Parse(text); }
        catch (UsageException e) when (hookSetIt)
        {
            throw new TrainyardException($"the build's ContainerizeSettings hook set Image to '{text}', which {e.Message.Replace($"--image '{text}' ", "", StringComparison.Ordinal)}");
        }
    }
}
