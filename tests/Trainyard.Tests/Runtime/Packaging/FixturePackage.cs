using Trainyard.Runtime.Packaging;

namespace Trainyard.Tests.Runtime.Packaging;

/// <summary>
/// A model package made from the scorer-parity fixtures (a real XGBoost model and featurizer trained by
/// Fixtures/make_fixtures.py, with rows and libxgboost's predictions for them), so packaging tests need no training.
/// </summary>
internal static class FixturePackage
{
    public static readonly DateTimeOffset Created = new(2026, 11, 1, 12, 0, 0, TimeSpan.Zero);

    /// <param name="fixture"><c>credit</c> (binary), <c>penguins</c> (multiclass) or <c>ames</c> (regression).</param>
    public static async Task<ModelPackage> CreateAsync(string fixture = "credit", int exampleRows = 5)
    {
        var parity = await ParityFixture.LoadAsync(fixture);
        var task = TaskOf(fixture);
        var signature = ModelSignature.Derive(parity.Featurizer.Definition, task, task == "binary" ? 0.3 : null, new HashSet<string> { "Age" });
        var example = InputExample.Create(parity.Rows.Take(exampleRows).ToList(), parity.Featurizer, parity.Scorer, signature);
        var files = new Dictionary<string, ReadOnlyMemory<byte>>
        {
            [PackageFiles.Model] = await File.ReadAllBytesAsync(ParityFixture.PathOf($"{fixture}.model.json")),
            [PackageFiles.Featurizer] = await File.ReadAllBytesAsync(ParityFixture.PathOf($"{fixture}.featurizer.json")),
            [PackageFiles.Signature] = signature.ToJson(),
            [PackageFiles.Example] = example.ToJson(),
            [PackageFiles.Metrics] = "{\"format_version\": 1}\n"u8.ToArray(),
            [PackageFiles.Profile] = "{\"format_version\": 1, \"columns\": []}\n"u8.ToArray(),
        };
        return new ModelPackage(Metadata(fixture, task), files);
    }

    public static ModelMetadata Metadata(string fixture = "credit", string task = "binary") => new()
    {
        Name = fixture,
        Task = task,
        ContentKey = new string('c', 64),
        Created = Created,
        Metrics = new Dictionary<string, double> { ["auc"] = 0.85, ["f1"] = 0.62 },
        GatesPassed = true,
        Lineage = new ModelLineage
        {
            Commit = "4fe46c60fb1cbb7e6bc09e5e797ff3a7750803eb",
            Dirty = false,
            SpecSha256 = new string('a', 64),
            Data = new DataFingerprint("data/credit_data.csv", new string('d', 64), 4454,
                new Dictionary<string, SplitHash> { ["train"] = new(3117, new string('1', 64)), ["test"] = new(891, new string('2', 64)) }),
            Parameters = new Dictionary<string, string> { ["seed"] = "42", ["xgboost.max_depth"] = "4" },
            Versions = new Dictionary<string, string> { ["trainyard"] = "0.1.0", ["xgboost"] = "1.7.4" },
            TrainedAt = Created.AddMinutes(-5),
            Built = new BuildOrigin("ci", "runner-1", "https://github.com/acme/models/actions/runs/7"),
        },
    };

    static string TaskOf(string fixture) => fixture switch
    {
        "credit" => "binary",
        "penguins" => "multiclass",
        _ => "regression",
    };

    /// <summary>A copy of <paramref name="packed"/> with one layer's bytes replaced (the manifest untouched).</summary>
    public static PackedModel WithLayer(PackedModel packed, string title, byte[] content) => packed with
    {
        Layers = [.. packed.Layers.Select(l => l.Descriptor.Annotations?[PackageMediaTypes.TitleAnnotation] == title ? l with { Content = content } : l)],
    };

    public static OciBlob Layer(PackedModel packed, string title) =>
        packed.Layers.Single(l => l.Descriptor.Annotations?[PackageMediaTypes.TitleAnnotation] == title);
}
