namespace Trainyard.Containers;

/// <summary>
/// How Containerize compiles the model server for the image (<c>--serving-build</c>, docs/containerize.md). Both are
/// self-contained for the base image's platform and need only the C libraries runtime-deps provides.
/// </summary>
public enum ServingBuild
{
    /// <summary>
    /// NativeAOT: one native executable, no JIT and no .NET runtime files — a smaller image and a faster start
    /// (docs/benchmarks.md). The machine that publishes needs clang, and publishes for its own architecture only.
    /// </summary>
    Aot,

    /// <summary>The .NET runtime with the server's assemblies, trimmed, compiled at run time (tiered JIT).</summary>
    Jit,
}
