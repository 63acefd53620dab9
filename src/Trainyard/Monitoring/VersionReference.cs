using System.Text;
using Trainyard.Artifacts.Metrics;
using Trainyard.Data.Profiling;
using Trainyard.Registry;
using Trainyard.Runtime.Packaging;

namespace Trainyard.Monitoring;

/// <summary>
/// What a served version is judged against, from its package in the registry: the training data's profile (drift),
/// the signature (the inputs and how to read the outputs), the evaluated metrics, the test scores' deciles and their
/// calibration (estimated quality).
/// </summary>
/// <param name="Source"><c>credit-risk:v3</c>, as tables show it.</param>
/// <param name="Profile">The training data's profile; null when the package has none.</param>
/// <param name="Metrics">The version's metrics.json; null when the package has none.</param>
internal sealed record VersionReference(string Version, string Source, ModelSignature Signature, DataProfile? Profile, MetricsReport? Metrics,
    IReadOnlyList<double>? ScoreDeciles)
{
    public IReadOnlyList<ClassCalibration>? Calibration { get; init; }

    /// <summary>The model file's layer digest (<c>sha256:…</c>, over model.json's bytes): which Train run made it.</summary>
    public string? ModelDigest { get; init; }

    /// <summary>The decision threshold Evaluate measured the version at (metrics.json), else the signature's.</summary>
    public double Threshold => Metrics?.Binary?.Threshold ?? Signature.Output.Threshold ?? 0.5;

    public string Task => Signature.Task;

    public IEnumerable<string> Features => Signature.Inputs.Select(i => i.Name);

    public static async Task<VersionReference> LoadAsync(ModelRegistry registry, ModelVersion version, CancellationToken cancellationToken)
    {
        async Task<ReadOnlyMemory<byte>?> Read(string file) => await registry.ReadFileAsync(version, file, cancellationToken);
        var source = version.Reference;
        var signature = await Read(PackageFiles.Signature) is { } s ? ModelSignature.Parse(s.Span, $"{source} {PackageFiles.Signature}")
            : throw new TrainyardException($"{source} in {registry.Location} has no {PackageFiles.Signature}: package it again");
        var profile = await Read(PackageFiles.Profile) is { } p ? ProfileJson.Deserialize(Encoding.UTF8.GetString(p.Span), $"{source} {PackageFiles.Profile}") : null;
        var metrics = await Read(PackageFiles.Metrics) is { } m ? MetricsJson.Deserialize(Encoding.UTF8.GetString(m.Span), $"{source} {PackageFiles.Metrics}") : null;
        var model = (await registry.ReadManifestAsync(version, cancellationToken)).Layers.FirstOrDefault(l => ModelRegistry.TitleOf(l) == PackageFiles.Model);
        return new VersionReference(version.Tag, source, signature, profile, metrics, version.Metadata.ScoreDeciles)
        {
            Calibration = version.Metadata.Calibration,
            ModelDigest = model?.Digest,
        };
    }

    /// <summary>The score the server histograms per prediction: binary P(positive), multiclass the top class's probability, regression the value.</summary>
    // One rule, in PredictionScores, whether the prediction is a parsed element (labelled rows) or the log line's UTF-8.
    public double? ScoreOf(System.Text.Json.JsonElement prediction) =>
        PredictionScores.Read(System.Runtime.InteropServices.JsonMarshal.GetRawUtf8Value(prediction), Task, Signature.Output.PositiveClass);
}
