using Trainyard.Pipelines;
using Trainyard.Tests.Components;

namespace Trainyard.Tests.Packaging;

/// <summary>The credit-risk sample after one real <c>./build.sh Evaluate</c>, shared by the tests that only read its artifacts.</summary>
public sealed class EvaluatedSample : IAsyncLifetime
{
    readonly SampleRepository _repository = new();

    public string Root => _repository.Root;

    public PipelineSpec Spec => PipelineSpec.Load(Path.Combine(Root, "pipelines/credit-risk.yml"));

    public async Task InitializeAsync()
    {
        var result = await _repository.RunAsync("Evaluate");
        if (result.ExitCode != 0) throw new InvalidOperationException($"Evaluate failed on the sample:\n{_repository.Output}");
    }

    public Task DisposeAsync()
    {
        _repository.Dispose();
        return Task.CompletedTask;
    }
}
