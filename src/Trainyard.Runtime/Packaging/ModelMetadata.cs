namespace Trainyard.Runtime.Packaging;

/// <summary>
/// A model package's config blob: what a listing shows without fetching the layers, and the lineage an audit needs.
/// Fields may be added (with a default); none is removed or renamed without a new <see cref="CurrentFormatVersion"/>.
/// </summary>
internal sealed record ModelMetadata
{
    public const int CurrentFormatVersion = 1;

    public int FormatVersion { get; init; } = CurrentFormatVersion;

    /// <summary>The model's name: the pipeline's name (<c>credit-risk</c>), also its repository in the registry.</summary>
    public required string Name { get; init; }

    /// <summary><c>binary</c>, <c>multiclass</c> or <c>regression</c>.</summary>
    public required string Task { get; init; }

    /// <summary>
    /// sha256 over what makes the model what it is — the spec hash, the data hash, the model and featurizer files —
    /// but not when or where it was built: equal keys mean the same model, so Package reuses the existing version.
    /// </summary>
    public required string ContentKey { get; init; }

    public required DateTimeOffset Created { get; init; }

    /// <summary>Headline test metrics by name (<c>auc</c>, <c>rmse</c>, …) for listings and baselines.</summary>
    public required IReadOnlyDictionary<string, double> Metrics { get; init; }

    public required ModelLineage Lineage { get; init; }
}

/// <summary>
/// Where a model came from. Contract: <see cref="Commit"/> is the git commit (null outside git); the packaging work
/// adds data fingerprints, spec hash, parameters, versions and who/when/where built.
/// </summary>
internal sealed record ModelLineage
{
    public required string? Commit { get; init; }
}
