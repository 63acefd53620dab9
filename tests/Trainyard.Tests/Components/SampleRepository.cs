using Trainyard.Components;
using Trainyard.Targets;
using Trainyard.Tests.Pipelines;
using BuildHarness = Trainyard.Tests.Targets.BuildHarness;

namespace Trainyard.Tests.Components;

/// <summary>The build a consuming repository writes, with the components mixed in.</summary>
internal sealed class DataBuild : TrainyardBuild, IInferSchema, IComment, IPackage, IPromote, IContainerize, ICanaryDeploy, IRollback, IDeployments;

/// <summary>
/// A temporary copy of this repository's sample pipeline (spec, schema, reference profile, data) that a test may
/// change, with the build run in-process over it.
/// </summary>
internal sealed class SampleRepository : IDisposable
{
    readonly BuildHarness _harness = new();

    public SampleRepository(string pipeline = "credit-risk", string data = "credit_data.csv")
    {
        foreach (var file in new[] { $"pipelines/{pipeline}.yml", $"pipelines/{pipeline}.schema.yml", $"pipelines/{pipeline}.profile.json", $"data/{data}" })
        {
            var target = Path.Combine(Root, file);
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(RepositoryRoot.File(file), target);
        }
    }

    public string Root => _harness.Root;
    public string Output => _harness.Output;

    /// <summary>The build's environment variables (empty unless a test sets some: the machine's are not seen).</summary>
    public Dictionary<string, string> Environment => _harness.Environment;

    public Task<BuildResult> RunAsync(params string[] args) => _harness.RunAsync(new DataBuild(), _cancel.Token, args);

    CancellationTokenSource _cancel = new();

    /// <summary>Cancels the build running now, as a killed CI job stops it; later runs are not cancelled.</summary>
    public void Cancel()
    {
        var running = _cancel;
        _cancel = new CancellationTokenSource();
        running.Cancel();
    }

    /// <summary>Runs another build over the same repository, e.g. one that overrides a settings hook.</summary>
    public Task<BuildResult> RunAsync(TrainyardBuild build, params string[] args) => _harness.RunAsync(build, args);

    public string Read(string relativePath) => File.ReadAllText(Path.Combine(Root, relativePath));

    public void Write(string relativePath, string content) => _harness.Write(relativePath, content);

    public string[] ReadLines(string relativePath) => File.ReadAllLines(Path.Combine(Root, relativePath));

    public void WriteLines(string relativePath, IEnumerable<string> lines) => File.WriteAllLines(Path.Combine(Root, relativePath), lines);

    /// <summary>Adds a release gate at the top of the pipeline spec's <c>gates.rules</c> list.</summary>
    public void AddGate(string pipeline, string gate)
    {
        var path = $"pipelines/{pipeline}.yml";
        var spec = Read(path);
        var rules = spec.IndexOf("  rules:\n", StringComparison.Ordinal);
        if (rules < 0) throw new InvalidOperationException($"{path} has no gates.rules list to add '{gate}' to");
        Write(path, spec.Insert(rules + "  rules:\n".Length, $"    - {gate}\n"));
    }

    /// <summary>Rewrites one 1-based line of a file, as a person editing the data would.</summary>
    public void ChangeLine(string relativePath, int line, Func<string, string> change)
    {
        var lines = ReadLines(relativePath);
        lines[line - 1] = change(lines[line - 1]);
        WriteLines(relativePath, lines);
    }

    public void Dispose() => _harness.Dispose();
}
