namespace Trainyard.Registry;

internal sealed partial class ModelRegistry
{
    /// <summary>Every deploy and rollback of the model, oldest first (<see cref="DeploymentHistory"/>).</summary>
    public Task<IReadOnlyList<DeploymentRecord>> ReadDeploymentsAsync(CancellationToken cancellationToken) =>
        DeploymentHistory.ReadAsync(store, model, cancellationToken);

    /// <summary>Appends a deploy or rollback to the deployment history, under the store's lock.</summary>
    public async Task RecordDeploymentAsync(DeploymentRecord record, CancellationToken cancellationToken)
    {
        await using var held = await store.LockAsync(model, cancellationToken);
        await DeploymentHistory.AppendAsync(store, model, record, cancellationToken);
    }

    /// <summary>
    /// The version production served before <paramref name="current"/>: the version the alias left when
    /// <paramref name="current"/> was last promoted to it by a promotion or deploy (a rollback's own moves do not
    /// count, so a second rollback goes one further back). Null when there is none.
    /// </summary>
    public static string? VersionBefore(AliasHistory history, string current, string alias = AliasName.Production) =>
        history.Moves.LastOrDefault(m => m.Alias == alias && m.Version == current && m.Kind != "rollback")?.FromVersion;
}
