using System.Globalization;
using System.Text.Json;
using Trainyard.Packaging;
using Trainyard.Pipelines;
using Trainyard.Runtime.Packaging;
using Trainyard.Tests.Components;

namespace Trainyard.Tests.Serving;

/// <summary>
/// The credit-risk sample after one real <c>./build.sh Package</c>: its registry folder (an OCI layout holding
/// <c>v1</c>), and the test split as requests — each row read back from the data file — with the probabilities
/// Evaluate wrote for it in predictions.csv. Shared by the serving tests.
/// </summary>
public sealed class PackagedSample : IAsyncLifetime
{
    readonly SampleRepository _repository = new();

    public string Layout => Path.Combine(_repository.Root, ".trainyard/registry/credit-risk");

    internal TestSplit Split { get; private set; } = new([], []);

    /// <summary>The test rows as a client sends them, in predictions.csv order.</summary>
    public IReadOnlyList<JsonElement> TestRows => Split.Rows;

    public string NewFolder() => Directory.CreateDirectory(Path.Combine(_repository.Root, "t" + Guid.NewGuid().ToString("N")[..8])).FullName;

    /// <summary>The environment that serves the sample's v1.</summary>
    public Dictionary<string, string> Environment(params (string Name, string Value)[] more)
    {
        var environment = new Dictionary<string, string> { ["TRAINYARD_MODEL_PATH"] = Layout, ["TRAINYARD_MODEL_REFERENCE"] = "v1" };
        foreach (var (name, value) in more) environment[name] = value;
        return environment;
    }

    /// <summary>
    /// v1 exported as a package made before score deciles existed (the metadata without them): returns the layout
    /// folder (tag <c>v1</c>).
    /// </summary>
    public async Task<string> ExportWithoutScoreDecilesAsync()
    {
        var package = await ModelPackage.LoadAsync(Layout, "v1", CancellationToken.None);
        var layout = Path.Combine(NewFolder(), "layout");
        await (package with { Metadata = package.Metadata with { ScoreDeciles = null } }).ExportAsync(layout, "v1", CancellationToken.None);
        return layout;
    }

    /// <summary>The sample's v1 as the layout holds it, digests checked.</summary>
    internal Task<ModelPackage> V1Async() => ModelPackage.LoadAsync(Layout, "v1", CancellationToken.None);

    /// <summary>
    /// v1 exported with an example that expects another answer — a consistent package, digests and all: only the
    /// expectation is wrong — so a server loads it but never becomes ready. Returns the layout folder (tag <c>v1</c>).
    /// </summary>
    public async Task<string> ExportWithWrongExampleAsync()
    {
        var package = await ModelPackage.LoadAsync(Layout, "v1", CancellationToken.None);
        var example = package.ReadExample();
        var wrong = example with { Outputs = [example.Outputs[0] with { Label = example.Outputs[0].Label == "good" ? "bad" : "good" }, .. example.Outputs.Skip(1)] };
        var files = new Dictionary<string, ReadOnlyMemory<byte>>(package.Files) { [PackageFiles.Example] = wrong.ToJson() };
        var layout = Path.Combine(NewFolder(), "layout");
        await (package with { Files = files }).ExportAsync(layout, "v1", CancellationToken.None);
        return layout;
    }

    public async Task InitializeAsync()
    {
        var result = await _repository.RunAsync("Package");
        if (result.ExitCode != 0) throw new InvalidOperationException($"Package failed on the sample:\n{_repository.Output}");
        Split = await TestSplit.ReadAsync(_repository, Layout);
    }

    public Task DisposeAsync()
    {
        _repository.Dispose();
        return Task.CompletedTask;
    }
}

[CollectionDefinition(Name)]
public sealed class ServingCollection : ICollectionFixture<PackagedSample>
{
    public const string Name = "model server";
}
