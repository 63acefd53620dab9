using Trainyard.Targets;

[assembly: Trainyard.ExpectedFailure(typeof(Trainyard.Tests.Targets.QuotaExceededException))]

namespace Trainyard.Tests.Targets;

public sealed class Running : IDisposable
{
    private readonly BuildHarness _harness = new();

    public void Dispose() => _harness.Dispose();

    [Fact]
    public async Task AFailureStopsTheTargetsAfterIt()
    {
        var build = new GateBuild { GateFails = true };
        var result = await _harness.RunAsync(build, "Deploy");

        Assert.Equal(1, result.ExitCode);
        Assert.Equal(TargetStatus.Failed, result.Of("Evaluate").Status);
        Assert.Equal(TargetStatus.NotRun, result.Of("Deploy").Status);
        Assert.Equal("Evaluate failed", result.Of("Deploy").Reason);
        Assert.DoesNotContain("Deploy", build.Ran);
    }

    [Fact]
    public async Task AssuredAfterFailureTargetsStillRun()
    {
        var build = new GateBuild { GateFails = true };
        var result = await _harness.RunAsync(build, "Deploy", "Report");

        Assert.Equal(1, result.ExitCode);
        Assert.Equal(TargetStatus.Succeeded, result.Of("Report").Status);
        Assert.Equal(["Evaluate", "Report"], build.Ran);
    }

    [Fact]
    public async Task ProceedAfterFailureLetsUnrelatedTargetsRunButNotDependents()
    {
        var build = new GateBuild { LintFails = true };
        var result = await _harness.RunAsync(build, "Lint", "Publish", "Deploy");

        Assert.Equal(1, result.ExitCode);
        Assert.Equal(TargetStatus.Failed, result.Of("Lint").Status);
        Assert.Equal(TargetStatus.NotRun, result.Of("Publish").Status);
        Assert.Equal("Lint did not succeed", result.Of("Publish").Reason);
        Assert.Equal(TargetStatus.Succeeded, result.Of("Deploy").Status);
    }

    [Fact]
    public async Task OnlyWhenFalseSkipsWithItsReason()
    {
        var build = new GateBuild();
        var result = await _harness.RunAsync(build, "Comment");

        Assert.Equal(0, result.ExitCode);
        Assert.Equal(TargetStatus.Skipped, result.Of("Comment").Status);
        Assert.Equal("not a pull request", result.Of("Comment").Reason);
        Assert.Contains("Skipped (not a pull request)", _harness.Output);
        Assert.Empty(build.Ran);
    }

    [Fact]
    public async Task OnlyWhenIsEvaluatedJustBeforeTheTargetRuns()
    {
        var build = new GateBuild();
        var result = await _harness.RunAsync(build, "OpenPullRequest", "Comment");

        Assert.Equal(TargetStatus.Succeeded, result.Of("Comment").Status);
    }

    [Fact]
    public async Task AMissingRequiredParameterIsAUsageErrorBeforeAnythingRuns()
    {
        var build = new SampleBuild();
        var result = await _harness.RunAsync(build, "Publish");

        Assert.Equal(2, result.ExitCode);
        Assert.Empty(build.Ran);
        Assert.Contains("Publish requires the environment variable TRAINYARD_REGISTRY_TOKEN", _harness.Output);

        _harness.Environment["TRAINYARD_REGISTRY_TOKEN"] = "s3cret";
        var withToken = await _harness.RunAsync(new SampleBuild(), "Publish");
        Assert.Equal(0, withToken.ExitCode);
    }

    [Fact]
    public async Task AnExpectedFailurePrintsItsMessageOnly()
    {
        var result = await _harness.RunAsync(new GateBuild { GateFails = true }, "Evaluate");

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("metrics.json:3:5: AUC 0.61 is below the gate 0.70", _harness.Output);
        Assert.DoesNotContain("   at ", _harness.Output);
    }

    [Fact]
    public async Task AnExceptionTypeAnAssemblyDeclaresExpectedPrintsItsMessageOnly()
    {
        // This assembly declares QuotaExceededException with [assembly: ExpectedFailure]: a library that cannot derive
        // from TrainyardException (as Trainyard.Runtime cannot) still gets its message printed alone.
        var result = await _harness.RunAsync(new GateBuild(), "ExceedQuota");

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("the registry's quota of 10 GB is used up", _harness.Output);
        Assert.DoesNotContain("   at ", _harness.Output);
    }

    [Fact]
    public void TrainyardDeclaresTheRuntimesModelFormatExceptionExpected()
    {
        var expected = ExpectedFailures.For(typeof(Trainyard.Tests.Components.DataBuild));

        Assert.True(expected.IsExpected(new Trainyard.Runtime.ModelFormatException("model.json: layer digest mismatch")));
        Assert.False(expected.IsExpected(new InvalidOperationException("a bug")));
        Assert.False(ExpectedFailures.For(typeof(Trainyard.Tests.Targets.SampleBuild)).IsExpected(new Trainyard.Runtime.ModelFormatException("x")));
    }

    [Fact]
    public async Task AnyOtherExceptionIsABugAndPrintsWhole()
    {
        var result = await _harness.RunAsync(new GateBuild(), "Crash");

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("System.InvalidOperationException: index out of step", _harness.Output);
        Assert.Contains("   at ", _harness.Output);
    }

    [Fact]
    public async Task AUsageErrorThrownByATargetExitsWithTwo()
    {
        var result = await _harness.RunAsync(new GateBuild(), "Misuse");

        Assert.Equal(2, result.ExitCode);
        Assert.Equal(TargetStatus.Failed, result.Of("Misuse").Status);
        Assert.Contains("--model must name a registered model", _harness.Output);
    }

    [Fact]
    public async Task CancellationFailsTheRunningTargetAsCancelled()
    {
        using var cancellation = new CancellationTokenSource();
        var build = new GateBuild { OnLongRun = cancellation.Cancel };
        var result = await _harness.RunAsync(build, cancellation.Token, "LongRun", "Deploy");

        Assert.Equal(1, result.ExitCode);
        Assert.Equal(TargetStatus.Failed, result.Of("LongRun").Status);
        Assert.Equal("cancelled", result.Of("LongRun").Reason);
        Assert.Equal(TargetStatus.NotRun, result.Of("Deploy").Status);
        Assert.Contains("LongRun was cancelled.", _harness.Output);
    }

    [Fact]
    public async Task EachTargetStartsWithAHeaderLine()
    {
        await _harness.RunAsync(new SampleBuild(), "Train");

        var headers = _harness.Output.Split('\n').Where(l => l.StartsWith("── ")).Select(l => l.Trim('─', ' ', '\r')).ToArray();
        Assert.Equal(["ValidateData", "Train"], headers);
    }

    [Fact]
    public async Task TheSummaryTableListsEveryTargetWithStatusAndATotal()
    {
        await _harness.RunAsync(new GateBuild { GateFails = true }, "Lint", "Deploy", "Report", "--skip", "Lint");

        var rows = _harness.Output.Split('\n').Where(l => l.StartsWith('│')).Select(l => l.Split('│', StringSplitOptions.TrimEntries)).ToArray();
        Assert.Equal(["Target", "Status", "Duration"], rows[0][1..4]);
        Assert.Equal(["Lint", "Skipped (--skip)"], rows[1][1..3]);
        Assert.Equal(["Evaluate", "Failed"], rows[2][1..3]);
        Assert.Equal(["Deploy", "Not run (Evaluate failed)"], rows[3][1..3]);
        Assert.Equal(["Report", "Succeeded"], rows[4][1..3]);
        Assert.Equal("Total", rows[5][1]);
        Assert.Matches(@"^\d+\.\d\ds$", rows[5][3]);
        Assert.DoesNotContain("\u001b[", _harness.Output);
    }

    [Fact]
    public async Task NoTargetShowsHelpAndSucceeds()
    {
        var result = await _harness.RunAsync(new SampleBuild());

        Assert.Equal(0, result.ExitCode);
        Assert.Empty(result.Targets);
        Assert.StartsWith("Usage: ./build.sh", _harness.Output);
    }

    [Fact]
    public async Task AnExpectedFailureWhileDeclaringTargetsPrintsItsMessage()
    {
        var result = await _harness.RunAsync(new BrokenBuild(), "Train");

        Assert.Equal(1, result.ExitCode);
        Assert.Equal("pipelines/x.yml: no such pipeline", _harness.Output.Trim());
    }

    private sealed class BrokenBuild : TrainyardBuild
    {
        public Target Train => throw new TrainyardException("no such pipeline", new SourceLocation("pipelines/x.yml"));
    }

    private sealed class GateBuild : TrainyardBuild
    {
        public List<string> Ran { get; } = [];
        public bool GateFails { get; init; }
        public bool LintFails { get; init; }
        public Action OnLongRun { get; init; } = () => { };
        private bool _pullRequest;

        public Target Lint => _ => _.ProceedAfterFailure().Executes(() =>
        {
            if (LintFails) throw new TrainyardException("style violations");
            Ran.Add("Lint");
        });

        public Target Publish => _ => _.DependsOn(Lint).Executes(() => Ran.Add("Publish"));

        public Target Evaluate => _ => _.After(Lint).Executes(() =>
        {
            Ran.Add("Evaluate");
            if (GateFails) throw new TrainyardException("AUC 0.61 is below the gate 0.70", new SourceLocation("metrics.json", 3, 5));
        });

        public Target Deploy => _ => _.DependsOn(Evaluate).Executes(() => Ran.Add("Deploy"));
        public Target Report => _ => _.DependsOn(Evaluate).AssuredAfterFailure().Executes(() => Ran.Add("Report"));
        public Target OpenPullRequest => _ => _.Executes(() => _pullRequest = true);
        public Target Comment => _ => _.After(OpenPullRequest).OnlyWhen("not a pull request", () => _pullRequest).Executes(() => Ran.Add("Comment"));
        public Target Crash => _ => _.Executes(() => throw new InvalidOperationException("index out of step"));
        public Target Misuse => _ => _.Executes(() => throw new UsageException("--model must name a registered model"));
        public Target ExceedQuota => _ => _.Executes(() => throw new QuotaExceededException("the registry's quota of 10 GB is used up"));

        public Target LongRun => _ => _.Executes(async ct =>
        {
            OnLongRun();
            await Task.Delay(Timeout.Infinite, ct);
        });
    }
}

/// <summary>An exception of a library that knows nothing of the engine, declared expected below.</summary>
public sealed class QuotaExceededException(string message) : Exception(message);
