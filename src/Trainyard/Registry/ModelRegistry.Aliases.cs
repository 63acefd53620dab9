namespace Trainyard.Registry;

internal sealed partial class ModelRegistry
{
    /// <summary>
    /// Points <paramref name="alias"/> at <paramref name="version"/> (<c>v7</c>) and records the move in the history,
    /// with the reason, who and when. Null when the alias already points there: nothing moves, nothing is recorded.
    /// </summary>
    /// <param name="kind">What moves it (<see cref="AliasMove.Kind"/>): null for Promote, <c>deploy</c>, <c>rollback</c>.</param>
    /// <param name="verdict">The canary analysis's verdict, for a deploy or rollback.</param>
    public async Task<AliasMove?> MoveAliasAsync(string alias, string version, string reason, string who, CancellationToken cancellationToken,
        string? kind = null, string? verdict = null)
    {
        AliasName.Require(alias);
        if (string.IsNullOrWhiteSpace(reason))
            throw new TrainyardException($"Moving '{alias}' needs a reason (--reason \"…\"): the history records why every alias moved");
        var number = ModelVersion.NumberOf(version)
            ?? throw new TrainyardException($"'{version}' is not a version: give one as Models lists them, e.g. v3");

        await using var held = await store.LockAsync(model, cancellationToken);
        var versions = await ListAsync(cancellationToken);
        var target = versions.FirstOrDefault(v => v.Number == number)
            ?? throw new TrainyardException($"{store.Location}: {model} has no version {version}; " +
                (versions.Count == 0 ? "it has no versions yet (run Package)" : $"it has {string.Join(", ", versions.Select(v => v.Tag))}"));
        return await MoveLockedAsync(alias, target, versions, reason.Trim(), who, kind, verdict, cancellationToken);
    }

    /// <summary>The alias history: every move, oldest first, and which version held an alias at a given time.</summary>
    public Task<AliasHistory> ReadHistoryAsync(CancellationToken cancellationToken) => AliasHistory.ReadAsync(store, model, cancellationToken);

    /// <summary>
    /// The move itself, under the lock. The history entry is written before the tag moves: should the run be killed
    /// between the two, the history already says what was meant, and running the same promotion again moves the tag.
    /// </summary>
    async Task<AliasMove?> MoveLockedAsync(string alias, ModelVersion target, IReadOnlyList<ModelVersion> versions, string reason, string who,
        string? kind, string? verdict, CancellationToken cancellationToken)
    {
        var current = await store.ReadManifestAsync(model, alias, cancellationToken);
        if (current?.Descriptor.Digest == target.Digest) return null;
        var manifest = await store.ReadManifestAsync(model, target.Digest, cancellationToken)
            ?? throw new TrainyardException($"{Source(target.Tag)}: its manifest {target.Digest} is missing from the store");

        var move = new AliasMove
        {
            Alias = alias,
            Version = target.Tag,
            To = target.Digest,
            From = current?.Descriptor.Digest,
            FromVersion = current is null ? null : versions.FirstOrDefault(v => v.Digest == current.Descriptor.Digest)?.Tag,
            At = _clock.GetUtcNow(),
            Who = who,
            Reason = reason,
            Gates = target.Metadata.GatesPassed switch { true => "passed", false => "failed", null => "not checked" },
            Kind = kind,
            Verdict = verdict,
        };
        await AliasHistory.AppendAsync(store, model, move, cancellationToken);
        await store.PushManifestAsync(model, manifest, alias, cancellationToken);
        return move;
    }
}
