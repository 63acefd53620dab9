using System.Text.Json;
using Trainyard.Runtime;
using Trainyard.Runtime.Features;
using Trainyard.Runtime.Packaging;
using Trainyard.Runtime.Registry;
using Trainyard.Runtime.Scoring;

namespace Trainyard.Serving;

/// <summary>
/// The one model this server answers with: the package read from its layout folder or pulled from a registry, with
/// every digest checked, its
/// featurizer, managed scorer and signature, and the result of scoring its own example (the readiness self-test).
/// </summary>
internal sealed class ServedModel
{
    ServedModel(ModelPackage package, string digest, string version)
    {
        Package = package;
        Digest = digest;
        Version = version;
        Featurizer = package.ReadFeaturizer();
        Scorer = package.ReadScorer();
        Signature = package.ReadSignature();
        if (Featurizer.FeatureCount != Scorer.FeatureCount)
            throw new ModelFormatException(
                $"{package.Metadata.Name}: the featurizer writes {Featurizer.FeatureCount} features but the model expects {Scorer.FeatureCount}; package the model again");
        // Requests are checked by the signature and encoded by the featurizer from one lookup of each column.
        if (!Signature.Inputs.Select(i => i.Name).SequenceEqual(Featurizer.Columns.Select(c => c.Name)))
            throw new ModelFormatException(
                $"{package.Metadata.Name}: the signature's inputs ({string.Join(", ", Signature.Inputs.Select(i => i.Name))}) are not the featurizer's columns ({string.Join(", ", Featurizer.Columns.Select(c => c.Name))}); package the model again");
        Unseen = new UnseenCategoryCounts(Featurizer);
        SelfTestProblem = SelfTest();
    }

    public ModelPackage Package { get; }
    public string Name => Package.Metadata.Name;
    /// <summary>The package's manifest digest, <c>sha256:…</c>: its identity.</summary>
    public string Digest { get; }
    /// <summary>The version tag (<c>v3</c>) that names the same manifest in the layout or registry, else the reference loaded (a tag or digest).</summary>
    public string Version { get; }
    public Featurizer Featurizer { get; }
    public XGBoostScorer Scorer { get; }
    public ModelSignature Signature { get; }
    public UnseenCategoryCounts Unseen { get; }
    /// <summary>Null when the package's example scored as it expects; otherwise what differed.</summary>
    public string? SelfTestProblem { get; }

    public static async Task<ServedModel> LoadAsync(string layoutDirectory, string reference, CancellationToken cancellationToken)
    {
        var package = await ModelPackage.LoadAsync(layoutDirectory, reference, cancellationToken);
        // LoadAsync checked the manifest against this descriptor, so its digest is the package's identity.
        var layout = await OciImageLayout.OpenAsync(layoutDirectory, cancellationToken);
        var digest = layout.Resolve(reference).Digest;
        var version = layout.Index.Manifests
            .Where(m => m.Digest == digest).Select(OciIndex.TagOf)
            .FirstOrDefault(tag => OciIndex.VersionNumber(tag) is not null) ?? reference;
        return new ServedModel(package, digest, version);
    }

    /// <summary>Pulls the package from a remote registry at start; every digest and size is checked before it is served.</summary>
    public static async Task<ServedModel> PullAsync(RegistryReference reference, RegistryLogin login, CancellationToken cancellationToken)
    {
        using var pull = new RegistryPull(reference, login);
        var (package, digest) = await pull.PullAsync(cancellationToken);
        return new ServedModel(package, digest, await pull.VersionTagAsync(digest, cancellationToken) ?? reference.Reference);
    }

    /// <summary>Scores example.json's rows through the same path requests take and compares with its expected outputs.</summary>
    string? SelfTest()
    {
        if (!Package.Files.ContainsKey(PackageFiles.Example)) return "the package has no example.json to test itself with; package the model again";
        var example = Package.ReadExample();
        var features = new float[Featurizer.FeatureCount];
        var outputs = new float[Scorer.OutputCount];
        for (var i = 0; i < example.Inputs.Count; i++)
        {
            Featurizer.Encode(example.Inputs[i], features);
            Scorer.Predict(features, outputs);
            var got = Signature.Interpret(outputs);
            var expected = example.Outputs[i];
            if (!Matches(got, expected))
                return $"example row {i}: expected {ServingJson.Text(expected)}, got {ServingJson.Text(got)}";
        }
        return null;
    }

    // example.json stores float32 values in shortest round-trip form, so a correct scorer reproduces them within 1e-6.
    static bool Matches(Prediction got, Prediction expected) =>
        got.Label == expected.Label
        && Close(got.Value, expected.Value)
        && (got.Probabilities?.Count ?? 0) == (expected.Probabilities?.Count ?? 0)
        && (got.Probabilities ?? new Dictionary<string, float>()).All(p =>
            expected.Probabilities!.TryGetValue(p.Key, out var e) && Math.Abs(p.Value - e) <= 1e-6);

    static bool Close(float? a, float? b) => a is null ? b is null : b is not null && Math.Abs(a.Value - b.Value) <= 1e-6;
}
