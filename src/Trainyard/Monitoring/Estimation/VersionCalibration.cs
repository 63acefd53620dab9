using Trainyard.Artifacts;
using Trainyard.IO;
using Trainyard.Runtime.Packaging;

namespace Trainyard.Monitoring.Estimation;

/// <summary>
/// Monitor's estimator: each served version's estimate from the calibration its package stores, or — for a package
/// made before packages stored one — from artifacts/&lt;name&gt;/predictions.csv when that file is this version's
/// test split (the model.json beside it is the version's model, byte for byte).
/// </summary>
/// <param name="TestSplit">The artifacts folder's predictions.csv, fitted, and the digest of its model.json; null when there is none.</param>
internal sealed record VersionCalibration((string ModelDigest, string Path, IReadOnlyList<ClassCalibration>? Calibration)? TestSplit)
{
    /// <summary>Reads the artifacts folder's predictions.csv and model.json, when both are there.</summary>
    /// <param name="artifacts">artifacts/&lt;name&gt;, relative to <paramref name="root"/>.</param>
    public static async Task<VersionCalibration> LoadAsync(string root, string artifacts, CancellationToken cancellationToken)
    {
        var paths = new ArtifactPaths(artifacts);
        var (model, predictions) = (RepositoryPath.Full(root, paths.Model), RepositoryPath.Full(root, paths.Predictions));
        if (!File.Exists(model) || !File.Exists(predictions)) return new VersionCalibration(TestSplit: null);
        var digest = "sha256:" + await ContentHash.OfFileAsync(model, cancellationToken);
        return new VersionCalibration((digest, paths.Predictions, TestSplitCalibration.Named(await PredictionsFile.ReadAsync(predictions, cancellationToken))));
    }

    public QualityEstimator Estimator => Start;

    IQualityEstimate? Start(VersionReference version, out string? whyNot)
    {
        whyNot = null;
        if (version.Task is not ("binary" or "multiclass"))
        {
            whyNot = $"only a classifier's quality can be estimated from its scores ({version.Source} is {version.Task})";
            return null;
        }
        var stored = version.Calibration;
        if (stored is null && TestSplit is { } split && split.ModelDigest == version.ModelDigest) stored = split.Calibration;
        if (stored is null)
        {
            whyNot = $"{version.Source}'s package has no calibration (packaged before Trainyard stored one), and "
                + (TestSplit is not { } other ? "there is no artifacts predictions.csv of its model"
                    : other.ModelDigest == version.ModelDigest ? $"{other.Path} has no labelled class probabilities to fit one on"
                    : $"{other.Path} is not its test split (another model.json)")
                + "; a version packaged by this Trainyard stores it";
            return null;
        }

        var binary = version.Task == "binary";
        IReadOnlyList<string> classes = binary ? [version.Signature.Output.PositiveClass ?? ""] : version.Signature.Output.Classes ?? [];
        var byClass = stored.ToDictionary(c => c.Class, StringComparer.Ordinal);
        if (classes.FirstOrDefault(c => !byClass.ContainsKey(c)) is { } missing)
        {
            whyNot = $"{version.Source}'s calibration has no class '{missing}'";
            return null;
        }
        var calibrations = classes.Select(c => IsotonicCalibration.From(new IsotonicThresholds([.. byClass[c].X], [.. byClass[c].Y]))).ToArray();
        return new LiveEstimate(binary, classes, calibrations, version.Threshold);
    }
}
