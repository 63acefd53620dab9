using System.Text;
using Trainyard.IO;
using Trainyard.Registry;
using Trainyard.Runtime.Packaging;

namespace Trainyard.Tests.Registry;

/// <summary>Small, complete model packages made in memory: registry tests need distinct models, not trained ones.</summary>
internal static class TestModels
{
    /// <param name="seed">Makes the content: equal seeds give the same content key (the same model), different ones different models.</param>
    public static PackedModel Package(string name, string seed, DateTimeOffset? created = null)
    {
        var files = new Dictionary<string, ReadOnlyMemory<byte>>(StringComparer.Ordinal)
        {
            ["model.json"] = Encoding.UTF8.GetBytes("{\"learner\":{\"seed\":\"" + seed + "\"}}"),
            ["featurizer.json"] = Encoding.UTF8.GetBytes($$"""{"features":["{{seed}}"]}"""),
            ["metrics.json"] = Encoding.UTF8.GetBytes("""{"format_version":1}"""),
            ["signature.json"] = Encoding.UTF8.GetBytes("""{"inputs":[]}"""),
        };
        var metadata = new ModelMetadata
        {
            Name = name,
            Task = "binary",
            ContentKey = ContentHash.Of("model " + seed),
            Created = created ?? new DateTimeOffset(2026, 11, 1, 12, 0, 0, TimeSpan.Zero),
            Metrics = new Dictionary<string, double> { ["auc"] = 0.8, ["f1"] = 0.6 },
            Lineage = new ModelLineage { Commit = "0123456789abcdef0123456789abcdef01234567" },
        };
        return new ModelPackage(metadata, files).Pack();
    }
}

/// <summary>A clock the test moves by hand, so alias moves land at known times.</summary>
internal sealed class HandClock(DateTimeOffset start) : TimeProvider
{
    public DateTimeOffset Now { get; set; } = start;

    public override DateTimeOffset GetUtcNow() => Now;
}
