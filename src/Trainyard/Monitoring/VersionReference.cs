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
    public double? ScoreOf(System.Text.Json.JsonElement prediction)
    {
        if (Task == "regression")
            return prediction.TryGetProperty("value"u8, out var value) && value.ValueKind == System.Text.Json.JsonValueKind.Number ? value.GetDouble() : null;
        if (!prediction.TryGetProperty("probabilities"u8, out var probabilities) || probabilities.ValueKind != System.Text.Json.JsonValueKind.Object) return null;
        if (Task == "binary")
            return Signature.Output.PositiveClass is { } positive && probabilities.TryGetProperty(positive, out var p) && p.ValueKind == System.Text.Json.JsonValueKind.Number
                ? p.GetDouble() : null;
        double? top = null;
        foreach (var entry in probabilities.EnumerateObject())
            if (entry.Value.ValueKind == System.Text.Json.JsonValueKind.Number) top = Math.Max(top ?? double.MinValue, entry.Value.GetDouble());
        return top;
    }
}
