using Trainyard.Artifacts;
using Trainyard.IO;
using Trainyard.Pipelines;
using Trainyard.Targets;

namespace Trainyard.Components;

/// <summary>
/// The pipeline a build works on: <c>--pipeline pipelines/ames.yml</c>, <c>TRAINYARD_PIPELINE</c>, "Pipeline" in
/// <c>.trainyard/parameters.json</c>, or the only spec in <c>pipelines/</c>.
/// </summary>
public interface IHazPipeline : ITrainyardBuild
{
    [Parameter("Pipeline spec (YAML) to run, relative to the repository root (default: the only spec in pipelines/)")]
    string Pipeline => TryGetValue(() => Pipeline) ?? PipelineFiles.TheOnlyOne(Context.RootDirectory);

    /// <summary>The spec, read on each use: it is small, and re-reading keeps components free of state.</summary>
    // Gates are checked against the task's metrics here, so a misnamed metric fails before anything runs.
    PipelineSpec Spec => Trainyard.Evaluation.GateMetrics.Check(PipelineSpec.Load(RepositoryPath.Shown(Context.RootDirectory, Pipeline)),
        BuildMetricNames);

    /// <summary>The names of the build's own metrics, which gates may use; IEvaluate fills it from its CustomMetrics.</summary>
    internal IReadOnlyList<string> BuildMetricNames => [];

    /// <summary>Where this pipeline's targets write: <c>artifacts/&lt;pipeline name&gt;/</c>, relative to the root.</summary>
    string PipelineArtifacts => $"artifacts/{Spec.Name}";

    /// <summary>The files in <see cref="PipelineArtifacts"/> that the targets hand each other.</summary>
    internal ArtifactPaths ArtifactPaths => new(PipelineArtifacts);
}
