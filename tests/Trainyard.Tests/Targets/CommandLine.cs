using Trainyard.Targets;

namespace Trainyard.Tests.Targets;

public sealed class CommandLineParsing : IDisposable
{
    private readonly BuildHarness _harness = new();

    public void Dispose() => _harness.Dispose();

    private static Trainyard.Targets.CommandLine Parse(params string[] args) =>
        Trainyard.Targets.CommandLine.Parse(args, name => name == "verbose");

    [Fact]
    public void PositionalWordsAreTargetsAndOptionsTakeValuesInBothForms()
    {
        var line = Parse("InferSchema", "--pipeline", "p.yml", "ValidateData", "--rounds=5", "--verbose");

        Assert.Equal(["InferSchema", "ValidateData"], line.Targets);
        Assert.Equal([("pipeline", "p.yml"), ("rounds", "5"), ("verbose", "true")], line.Parameters);
    }

    [Fact]
    public void SwitchesAreRecognised()
    {
        var line = Parse("Train", "--plan", "--format", "JSON", "--force", "--root", "repo", "--skip", "A,B", "-h");

        Assert.True(line.Plan);
        Assert.Equal(PlanFormat.Json, line.Format);
        Assert.True(line.Force);
        Assert.Equal("repo", line.Root);
        Assert.Equal(["A", "B"], line.Skip);
        Assert.True(line.Help);
        Assert.False(line.SkipAllNotInvoked);
        Assert.True(Parse("Train", "--skip", "--force").SkipAllNotInvoked);
    }

    [Fact]
    public void AnOptionWithoutItsValueIsAUsageError()
    {
        var error = Assert.Throws<UsageException>(() => Parse("Train", "--rounds"));
        Assert.Equal("--rounds needs a value.", error.Message);
        Assert.Throws<UsageException>(() => Parse("--plan", "--format", "yaml"));
    }

    [Fact]
    public async Task HelpListsTargetsWithDescriptionsAndDependenciesSwitchesAndExitCodes()
    {
        var result = await _harness.RunAsync(new SampleBuild(), "Train", "--help");

        Assert.Equal(0, result.ExitCode);
        Assert.Empty(result.Targets);
        var output = _harness.Output;
        Assert.Matches(@"\n\s+Train\s+Trains the model\s+depends on ValidateData", output);
        Assert.Matches(@"\n\s+ValidateData\s+Checks data", output);
        foreach (var option in new[] { "--help", "--plan", "--format", "--skip", "--force", "--root" })
            Assert.Contains(option, output);
        Assert.Contains("Exit codes: 0", output);
    }

    [Fact]
    public async Task HelpLinesEndWithoutTrailingSpaces()
    {
        await _harness.RunAsync(new SampleBuild(), "--help");

        var padded = _harness.Output.Split('\n').Where(line => line.TrimEnd('\r') != line.TrimEnd()).ToArray();
        Assert.True(padded.Length == 0, $"{padded.Length} lines end in spaces, e.g. '{padded.FirstOrDefault()}'");
        Assert.Matches(@"\n  Train +Trains the model +depends on ValidateData\n", _harness.Output.ReplaceLineEndings("\n"));
    }

    [Fact]
    public async Task TheRootIsTheNearestAncestorWithATrainyardFolder()
    {
        var nested = Path.Combine(_harness.Root, "src", "deep");
        Directory.CreateDirectory(nested);
        var build = new RootBuild();
        await TrainyardBuild.RunAsync(build, ["Show"], new BuildEnvironment(nested, _harness.Environment, _harness.Console));

        Assert.Equal(_harness.Root, build.Seen);
    }

    [Fact]
    public async Task RootCanBeGivenAndMustExist()
    {
        Directory.CreateDirectory(Path.Combine(_harness.Root, "other"));
        var build = new RootBuild();
        await _harness.RunAsync(build, "Show", "--root", "other");
        Assert.Equal(Path.Combine(_harness.Root, "other"), build.Seen);

        var result = await _harness.RunAsync(new RootBuild(), "Show", "--root", "missing");
        Assert.Equal(2, result.ExitCode);
        Assert.Contains("does not exist", _harness.Output);
    }

    private sealed class RootBuild : TrainyardBuild
    {
        public string? Seen { get; private set; }
        public Target Show => _ => _.Executes(() => Seen = Context.RootDirectory);
    }
}
