using System.Text.Json;
using Trainyard.Targets;

namespace Trainyard.Tests.Targets;

public sealed class Planning : IDisposable
{
    private readonly BuildHarness _harness = new();

    public void Dispose() => _harness.Dispose();

    [Fact]
    public async Task DependenciesRunBeforeTheInvokedTarget()
    {
        var build = new SampleBuild();
        var result = await _harness.RunAsync(build, "Evaluate");

        Assert.Equal(0, result.ExitCode);
        Assert.Equal(["ValidateData", "Train", "Evaluate"], result.Names());
        Assert.Equal(["ValidateData", "Train", "Evaluate"], build.Ran);
    }

    [Fact]
    public async Task TargetNamesAreCaseInsensitive()
    {
        var result = await _harness.RunAsync(new SampleBuild(), "train");

        Assert.Equal(["ValidateData", "Train"], result.Names());
    }

    [Fact]
    public async Task SeveralInvokedTargetsKeepInvocationOrder()
    {
        var result = await _harness.RunAsync(new UnrelatedBuild(), "Second", "First");

        Assert.Equal(["Second", "First"], result.Names());
    }

    [Fact]
    public async Task TriggersPullTheTriggeredTargetAndItsDependenciesIn()
    {
        var build = new SampleBuild();
        var result = await _harness.RunAsync(build, "Monitor");

        Assert.Equal(["Monitor", "ValidateData", "Train"], result.Names());
    }

    [Fact]
    public async Task DependentForAndTriggeredByWorkFromTheOtherSide()
    {
        var result = await _harness.RunAsync(new InverseBuild(), "Package");

        Assert.Equal(["Compile", "Package", "Notify"], result.Names());
    }

    [Fact]
    public async Task AfterAndBeforeOrderOnlyTargetsAlreadyInThePlan()
    {
        var alone = await _harness.RunAsync(new OrderingBuild(), "Lint");
        Assert.Equal(["Lint"], alone.Names());

        var both = await _harness.RunAsync(new OrderingBuild(), "Lint", "Test", "Clean");
        Assert.Equal(["Clean", "Test", "Lint"], both.Names());
    }

    [Fact]
    public async Task CircularDependencyIsReported()
    {
        var build = new CycleBuild();
        var result = await _harness.RunAsync(build, "A");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("Circular dependency: A -> B -> C -> A", _harness.Output);
        Assert.Empty(build.Ran);
    }

    [Fact]
    public async Task UnknownTargetSuggestsTheClosestName()
    {
        var result = await _harness.RunAsync(new SampleBuild(), "Trian");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("Unknown target 'Trian'. Did you mean 'Train'?", _harness.Output);
    }

    [Fact]
    public async Task PlanLinesEndWithoutTrailingSpaces()
    {
        await _harness.RunAsync(new SampleBuild(), "Evaluate", "--plan");

        var lines = _harness.Output.ReplaceLineEndings("\n").Split('\n').Where(l => l != "").ToArray();
        Assert.Equal(3, lines.Length);
        Assert.All(lines, line => Assert.Equal(line.TrimEnd(), line));
    }

    [Fact]
    public async Task PlanPrintsOrderAndReasonsWithoutRunning()
    {
        var build = new SampleBuild();
        var result = await _harness.RunAsync(build, "Monitor", "Evaluate", "--skip", "ValidateData", "--plan");

        Assert.Equal(0, result.ExitCode);
        Assert.Empty(build.Ran);
        var lines = _harness.Output.Split('\n').Select(l => l.TrimEnd()).Where(l => l != "").ToArray();
        Assert.Equal(4, lines.Length);
        Assert.Matches(@"^1\.\s+Monitor\s+invoked$", lines[0]);
        Assert.Matches(@"^2\.\s+ValidateData\s+dependency of Train; skipped: --skip$", lines[1]);
        Assert.Matches(@"^3\.\s+Train\s+triggered by Monitor$", lines[2]);
        Assert.Matches(@"^4\.\s+Evaluate\s+invoked$", lines[3]);
    }

    [Fact]
    public async Task PlanAsJsonListsTargetsForTools()
    {
        await _harness.RunAsync(new SampleBuild(), "Train", "--plan", "--format", "json", "--skip");

        using var document = JsonDocument.Parse(_harness.Output);
        var targets = document.RootElement.GetProperty("targets").EnumerateArray().ToList();
        Assert.Equal(["ValidateData", "Train"], targets.Select(t => t.GetProperty("name").GetString()));
        Assert.Equal("dependency of Train", targets[0].GetProperty("reason").GetString());
        Assert.True(targets[0].GetProperty("skipped").GetBoolean());
        Assert.False(targets[1].GetProperty("skipped").GetBoolean());
        Assert.Equal(["ValidateData"], targets[1].GetProperty("dependencies").EnumerateArray().Select(d => d.GetString()));
    }

    [Fact]
    public async Task SkipNamesTargetsToSkip()
    {
        var build = new SampleBuild();
        var result = await _harness.RunAsync(build, "Evaluate", "--skip", "ValidateData,Train");

        Assert.Equal(0, result.ExitCode);
        Assert.Equal(TargetStatus.Skipped, result.Of("ValidateData").Status);
        Assert.Equal("--skip", result.Of("Train").Reason);
        Assert.Equal(["Evaluate"], build.Ran);
    }

    [Fact]
    public async Task BareSkipSkipsEveryTargetNotNamed()
    {
        var build = new SampleBuild();
        var result = await _harness.RunAsync(build, "Evaluate", "--skip");

        Assert.Equal(["Evaluate"], build.Ran);
        Assert.Equal(TargetStatus.Skipped, result.Of("Train").Status);
    }

    [Fact]
    public async Task AClassImplementationOfAComponentTargetWins()
    {
        var build = new OverridingBuild();
        var result = await _harness.RunAsync(build, "Train");

        Assert.Equal(["ValidateData", "Train"], result.Names());
        Assert.Equal(["ValidateData", "own Train"], build.Ran);
    }

    [Fact]
    public void TargetIdentityHoldsForCapturingAndNonCapturingLambdas()
    {
        var build = new UnrelatedBuild();
        ITrain component = new SampleBuild();

        Assert.Equal(build.First, build.First);       // non-capturing: a cached delegate
        Assert.Equal(component.Train, component.Train); // captures this: a new but equal delegate each time
        Assert.NotEqual(component.Train, new SampleBuild().As<ITrain>().Train);
    }

    [Fact]
    public async Task ATargetWhoseLambdaCapturesLocalsIsStillFoundByItsMethod()
    {
        var result = await _harness.RunAsync(new CapturingBuild(), "Use");

        Assert.Equal(0, result.ExitCode);
        Assert.Equal(["Prepare", "Use"], result.Names());
    }

    private sealed class CapturingBuild : TrainyardBuild
    {
        public Target Prepare
        {
            get
            {
                var label = "prepared"; // a fresh closure object on every access, so the delegates are not Equal
                return _ => _.Description(label);
            }
        }

        public Target Use => _ => _.DependsOn(Prepare);
    }

    private sealed class UnrelatedBuild : TrainyardBuild
    {
        public Target First => _ => _;
        public Target Second => _ => _;
    }

    private sealed class InverseBuild : TrainyardBuild
    {
        public Target Compile => _ => _.DependentFor(Package);
        public Target Package => _ => _;
        public Target Notify => _ => _.TriggeredBy(Package);
    }

    private sealed class OrderingBuild : TrainyardBuild
    {
        public Target Lint => _ => _.After(Test);
        public Target Test => _ => _;
        public Target Clean => _ => _.Before(Test, Lint);
    }

    private sealed class CycleBuild : TrainyardBuild
    {
        public List<string> Ran { get; } = [];
        public Target A => _ => _.DependsOn(B).Executes(() => Ran.Add("A"));
        public Target B => _ => _.DependsOn(C);
        public Target C => _ => _.DependsOn(A);
    }

    private sealed class OverridingBuild : SampleBuild, ITrain
    {
        Target ITrain.Train => _ => _.DependsOn(From<IValidateData>().ValidateData).Executes(() => Ran.Add("own Train"));
    }
}

internal static class ObjectExtensions
{
    public static T As<T>(this object value) => (T)value;
}
