using Spectre.Console;
using Trainyard.Targets;

namespace Trainyard.Tests.Targets;

public sealed class GitHubActionsOutput : IDisposable
{
    private readonly BuildHarness _harness = new();

    public GitHubActionsOutput()
    {
        _harness.Environment["GITHUB_ACTIONS"] = "true";
        _harness.Environment["GITHUB_STEP_SUMMARY"] = Path.Combine(_harness.Root, "step-summary.md");
    }

    public void Dispose() => _harness.Dispose();

    [Fact]
    public async Task EachTargetsOutputIsALogGroup()
    {
        await _harness.RunAsync(new CiBuild(), "Train");

        var lines = _harness.Output.Split('\n').Select(l => l.TrimEnd('\r')).ToList();
        var start = lines.IndexOf("::group::Train");
        Assert.True(start >= 0, _harness.Output);
        Assert.Equal("training...", lines[start + 3]);
        Assert.Equal("::endgroup::", lines[start + 4]);
    }

    [Fact]
    public async Task AFailureIsAnErrorAnnotationAtItsLocation()
    {
        await _harness.RunAsync(new CiBuild(), "Gate");

        Assert.True(_harness.Output.Contains("::error file=pipelines/credit-risk.yml,line=12,col=3::AUC 61%25 is below%0Athe gate"), _harness.Output);
    }

    [Fact]
    public void WorkflowCommandValuesAreEscaped()
    {
        Assert.Equal("::error file=a%3Ab%2Cc.yml::50%25 done%0D%0Anext", Trainyard.Targets.GitHubActions.Error("50% done\r\nnext", new SourceLocation("a:b,c.yml")));
        Assert.Equal("::error::plain", Trainyard.Targets.GitHubActions.Error("plain", null));
    }

    [Fact]
    public async Task TheSummaryIsAppendedToTheStepSummaryAsMarkdown()
    {
        File.WriteAllText(_harness.Environment["GITHUB_STEP_SUMMARY"], "earlier step\n");
        await _harness.RunAsync(new CiBuild(), "Train", "Gate");

        var lines = File.ReadAllLines(_harness.Environment["GITHUB_STEP_SUMMARY"]);
        Assert.Equal("earlier step", lines[0]);
        Assert.Equal("| Target | Status | Duration |", lines[1]);
        Assert.Equal("| --- | --- | --- |", lines[2]);
        Assert.StartsWith("| Train | Succeeded | ", lines[3]);
        Assert.StartsWith("| Gate | Failed | ", lines[4]);
        Assert.StartsWith("| **Total** | | ", lines[5]);
    }

    [Fact]
    public async Task OutsideGitHubActionsThereAreNoWorkflowCommands()
    {
        _harness.Environment.Remove("GITHUB_ACTIONS");
        await _harness.RunAsync(new CiBuild(), "Train", "Gate");

        Assert.DoesNotContain("::", _harness.Output);
        Assert.False(File.Exists(_harness.Environment["GITHUB_STEP_SUMMARY"]));
    }

    private sealed class CiBuild : TrainyardBuild
    {
        public Target Train => _ => _.Executes(() => Context.Console.WriteLine("training..."));

        public Target Gate => _ => _.Executes(() =>
            throw new TrainyardException("AUC 61% is below\nthe gate", new SourceLocation("pipelines/credit-risk.yml", 12, 3)));
    }
}
