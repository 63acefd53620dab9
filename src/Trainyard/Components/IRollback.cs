using Trainyard.Deploy;
using Trainyard.Targets;

namespace Trainyard.Components;

/// <summary>
/// Rollback: all traffic back to the version production served before (or <c>--version vN</c>) at once, the current
/// one drained and stopped, the alias moved back, and who and why (<c>--reason</c>, required) recorded. Needs no other
/// target. docs/deploy.md.
/// </summary>
public interface IRollback : IModels, IHazDeploy, IHazReason
{
    Target Rollback => _ => _
        .Description("Moves all traffic back to the previous production version (or --version vN) at once; --reason is required and recorded")
        .Requires(() => Reason)
        .AlwaysRuns("a rollback changes what runs on the Docker engine, which Trainyard does not fingerprint")
        .Executes(async cancellationToken =>
        {
            await WithDeployAsync(deploy => new RollbackRun(deploy).RunAsync(Version, Reason!, cancellationToken), gatewayImage: null, cancellationToken);
        });
}
