using Trainyard.Deploy;
using Trainyard.Targets;

namespace Trainyard.Components;

/// <summary>Deployments: the model's deploys and rollbacks from the registry — version, when, steps, verdict, who, why.</summary>
public interface IDeployments : IHazRegistry
{
    Target Deployments => _ => _
        .Description("Lists the model's deploys and rollbacks (version, started, steps reached, verdict, duration, who, reason); --format json")
        .AlwaysRuns("it shows what the registry holds now, which Trainyard does not fingerprint")
        .Executes(async cancellationToken =>
        {
            await WithRegistryAsync(async registry =>
            {
                var deployments = await registry.ReadDeploymentsAsync(cancellationToken);
                if (Context.JsonOutput) Context.Console.Profile.Out.Writer.Write(DeploymentsView.Json(registry.Model, deployments));
                else DeploymentsView.Render(Context.Console, registry.Model, deployments);
            });
        });
}
