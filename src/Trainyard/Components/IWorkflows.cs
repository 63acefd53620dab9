using Trainyard.Targets;
using Trainyard.Targets.Workflows;

namespace Trainyard.Components;

/// <summary>
/// Workflows: writes <c>.github/workflows/&lt;name&gt;.yml</c> for each [GitHubActions] attribute on the Build class,
/// from the target graph (docs/workflows.md). With <c>--check</c> it writes nothing and fails, with the difference,
/// when a committed workflow is not what the build generates.
/// </summary>
public interface IWorkflows : ITrainyardBuild
{
    [Parameter("Workflows: compare the committed .github/workflows with what the build generates and fail with the difference, instead of writing")]
    bool Check => TryGetValue(() => Check);

    Target Workflows => _ => _
        .Description("Writes .github/workflows/<name>.yml for each [GitHubActions] attribute on the build: one job per target, artifacts between them")
        .AlwaysRuns("the workflows follow the Build class and its targets, which Trainyard does not fingerprint")
        .Executes(cancellationToken => WorkflowFiles.WriteAsync((TrainyardBuild)(ITrainyardBuild)this, Check, cancellationToken));
}
