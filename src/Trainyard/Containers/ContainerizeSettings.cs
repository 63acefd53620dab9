namespace Trainyard.Containers;

/// <summary>
/// Which image Containerize builds. Containerize builds these from its parameters (<c>--image</c>,
/// <c>--base-image</c>, <c>--serving-build</c>) and their defaults, passes them through the build's <c>IContainerize.ContainerizeSettings</c>
/// hook, and builds with what it returns: the hook sees the command line's values and has the last word.
/// </summary>
public sealed record ContainerizeSettings
{
    /// <summary>
    /// The image repository, tagged <c>:vN</c> with the model version; with a registry host
    /// (<c>ghcr.io/acme/churn</c>, <c>localhost:5000/ml/churn</c>) it is pushed. Default: <c>--image</c>, else
    /// <c>trainyard/&lt;pipeline name&gt;</c>. A repository only: no tag or digest.
    /// </summary>
    public required string Image { get; init; }

    /// <summary>
    /// The image the server is copied onto; it must be on the engine already (nothing is pulled). Default:
    /// <c>--base-image</c>, else <c>mcr.microsoft.com/dotnet/runtime-deps:10.0-noble-chiseled</c>.
    /// </summary>
    public required string BaseImage { get; init; }

    /// <summary>
    /// How the model server is compiled: <see cref="Containers.ServingBuild.Aot"/> (NativeAOT, one native executable;
    /// publishing needs clang) or <see cref="Containers.ServingBuild.Jit"/>. Default: <c>--serving-build</c>, else
    /// <see cref="DefaultServingBuild"/>, chosen by the measurements in docs/benchmarks.md.
    /// </summary>
    public ServingBuild ServingBuild { get; init; } = DefaultServingBuild;

    /// <summary>The build used when neither <c>--serving-build</c> nor the hook chooses one.</summary>
    public const ServingBuild DefaultServingBuild = ServingBuild.Aot;
}
