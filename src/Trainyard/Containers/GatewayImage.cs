using System.Diagnostics;
using Spectre.Console;
using Trainyard.Docker;
using Trainyard.IO;

namespace Trainyard.Containers;

/// <summary>
/// The gateway image, <c>trainyard/gateway:&lt;Trainyard version&gt;</c>: Trainyard.Gateway published for the base image's
/// platform as Containerize publishes the model server (the same options, <c>--base-image</c> and <c>--serving-build</c>:
/// a NativeAOT executable or the trimmed JIT build), with a HEALTHCHECK running its <c>--probe</c>. One image per
/// Trainyard version, shared by every model on the engine, so it is built only when the engine lacks that tag, or has
/// it from the other build (its <see cref="BuildLabel"/>; an image without one is from before, a JIT build).
/// </summary>
internal static class GatewayImage
{
    public const string Repository = "trainyard/gateway";
    /// <summary>The executable inside /app: the host's apphost, renamed.</summary>
    public const string Executable = "Trainyard.Gateway";
    public const int Port = 8080;
    /// <summary>The image's label naming its build: aot or jit.</summary>
    public const string BuildLabel = "dev.trainyard.serving-build";

    /// <summary>The tag for the running Trainyard (a <c>+</c> in a version is not allowed in a tag; none is kept).</summary>
    public static string Tag => ServingSource.VersionOf(typeof(GatewayImage).Assembly);

    public static string Reference => $"{Repository}:{Tag}";

    /// <summary>Builds the image unless the engine has it; returns its reference.</summary>
    /// <param name="root">The repository root: src/Trainyard.Gateway there is published from source, else the package.</param>
    /// <param name="folder">Where the host, the published gateway and the Dockerfile are written (e.g. artifacts/gateway).</param>
    public static async Task<string> EnsureAsync(DockerEngine engine, string baseImage, ServingBuild build, string root, string folder, IAnsiConsole console,
        CancellationToken cancellationToken)
    {
        var buildName = ServingPublish.Name(build);
        if (await engine.InspectImageAsync(Reference, cancellationToken) is { } existing
            && existing.Labels.GetValueOrDefault(BuildLabel, ServingPublish.Name(ServingBuild.Jit)) == buildName)
        {
            console.WriteLine($"The gateway image {Reference} is on the engine ({SmokeTest.Short(existing.Id)}, {buildName})");
            return Reference;
        }
        var baseDetails = await BaseImagePlatform.InspectAsync(engine, baseImage, "the gateway image", cancellationToken);
        var runtimeIdentifier = BaseImagePlatform.RuntimeIdentifier(baseImage, baseDetails);
        var source = GatewayHost.Locate(root);
        string Shown(string path) => RepositoryPath.Shown(root, path);

        Directory.CreateDirectory(folder);
        var project = await GatewayHost.WriteAsync(source, Path.Combine(folder, "host"), cancellationToken);
        var app = Path.Combine(folder, "app");
        if (Directory.Exists(app)) Directory.Delete(app, recursive: true);
        console.WriteLine($"Publishing Trainyard.Gateway from {GatewayHost.Shown(source, Shown)} " +
                          $"{(build == ServingBuild.Aot ? "as a native executable (NativeAOT)" : "self-contained and trimmed")} for {runtimeIdentifier} …");
        var started = Stopwatch.StartNew();
        await ServingPublish.PublishHostAsync(project, GatewayHost.AssemblyName, Executable, runtimeIdentifier, build, app, folder,
            _ => source.PackageVersion is { } version
                ? $"If {GatewayHost.PackageId} {version} could not be restored, add the feed the Trainyard packages come from to nuget.config"
                : "Fix the error above",
            Shown, console, cancellationToken);
        console.WriteLine($"Published Trainyard.Gateway to {Shown(app)} in {started.Elapsed.TotalSeconds:0.0}s ({ServingPublish.FolderSize(app) / 1e6:0.0} MB)");

        var dockerfile = new EmbeddedTemplate("Trainyard.Containers.Templates.GatewayDockerfile.sbn").Render(new
        {
            BaseImage = baseImage,
            Native = build == ServingBuild.Aot,
            Image = Reference,
            Version = Tag,
            Port,
            Executable,
            Labels = string.Join(" \\\n      ", new[] { ("org.opencontainers.image.title", "Trainyard gateway"), ("org.opencontainers.image.version", Tag),
                ("org.opencontainers.image.base.name", baseImage), (BuildLabel, buildName) }.Select(l => $"{l.Item1}={Dockerfile.Quote(l.Item2)}")),
        });
        await AtomicFile.WriteAllTextAsync(Path.Combine(folder, "Dockerfile"), dockerfile, cancellationToken);
        console.WriteLine($"Building {Reference} on {engine.Host} …");
        var id = await engine.BuildImageAsync(new ImageBuild([Reference]),
            (stream, ct) => ImageContext.WriteAsync(folder, ["Dockerfile", "app"], stream, ct),
            line => console.WriteLine("  " + line.TrimEnd()), cancellationToken);
        console.WriteLine($"Built {Reference} ({SmokeTest.Short(id)})");
        return Reference;
    }
}
