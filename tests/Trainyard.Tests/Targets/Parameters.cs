using Trainyard.Targets;
using Trainyard.Targets.Parameters;

namespace Trainyard.Tests.Targets;

public sealed class Parameters : IDisposable
{
    private readonly BuildHarness _harness = new();

    public void Dispose() => _harness.Dispose();

    private async Task<SampleBuild> RunTrain(params string[] args)
    {
        var build = new SampleBuild();
        var result = await _harness.RunAsync(build, ["Train", .. args]);
        Assert.True(result.ExitCode == 0, _harness.Output);
        return build;
    }

    [Theory]
    [InlineData("MaxExamples", "max-examples", "TRAINYARD_MAX_EXAMPLES")]
    [InlineData("Pipeline", "pipeline", "TRAINYARD_PIPELINE")]
    [InlineData("XGBoostRounds", "xg-boost-rounds", "TRAINYARD_XG_BOOST_ROUNDS")]
    public void AMemberNameHasAnOptionAndAnEnvironmentSpelling(string member, string option, string variable)
    {
        Assert.Equal(option, ParameterNames.Kebab(member));
        Assert.Equal(variable, ParameterNames.EnvironmentVariable(member));
    }

    [Fact]
    public async Task ClassMembersAreInjectedFromTheCommandLineInBothForms()
    {
        var build = await RunTrain("--rounds", "250", "--learning-rate=0.05", "--seed", "-3", "--max-examples", "10",
            "--objective", "REGRESSION", "--tags", "a,b", "--tags", "c", "--model-name", "churn");

        Assert.Equal(250, build.Rounds);
        Assert.Equal(0.05, build.LearningRate);
        Assert.Equal(-3L, build.Seed);
        Assert.Equal(10, build.MaxExamples);
        Assert.Equal(Objective.Regression, build.Objective);
        Assert.Equal(["a", "b", "c"], build.Tags);
        Assert.Equal("churn", build.ModelName);
    }

    [Fact]
    public async Task ABareFlagIsTrueAndDoesNotSwallowATarget()
    {
        var build = new SampleBuild();
        var result = await _harness.RunAsync(build, "--verbose", "Train");

        Assert.True(build.Verbose);
        Assert.Equal(["ValidateData", "Train"], result.Names());
        Assert.False((await RunTrain("--verbose", "false")).Verbose);
    }

    [Fact]
    public async Task DefaultsStayWhenNothingIsGiven()
    {
        var build = await RunTrain();

        Assert.Equal(100, build.Rounds);
        Assert.Null(build.MaxExamples);
        Assert.Equal("pipelines/credit-risk.yml", ((IHazPipeline)build).Pipeline);
    }

    [Fact]
    public async Task CommandLineBeatsEnvironmentBeatsParametersFileBeatsDefault()
    {
        _harness.Write(".trainyard/parameters.json", """{ "Rounds": 10, "max-examples": 20, "Pipeline": "pipelines/file.yml", "Tags": ["x", "y"] }""");
        _harness.Environment["TRAINYARD_ROUNDS"] = "30";
        _harness.Environment["TRAINYARD_PIPELINE"] = "pipelines/env.yml";

        var build = await RunTrain("--pipeline", "pipelines/cli.yml");

        Assert.Equal("pipelines/cli.yml", ((IHazPipeline)build).Pipeline);
        Assert.Equal(30, build.Rounds);
        Assert.Equal(20, build.MaxExamples);
        Assert.Equal(["x", "y"], build.Tags);
        Assert.Equal(0.3, build.LearningRate);
    }

    [Fact]
    public async Task AnEnvironmentVariableNameCanBeOverridden()
    {
        _harness.Environment["MODEL_NAME"] = "fraud";
        _harness.Environment["TRAINYARD_MODEL_NAME"] = "ignored";

        Assert.Equal("fraud", (await RunTrain()).ModelName);
    }

    [Fact]
    public async Task ABadValueIsAUsageErrorNamingParameterValueAndExpectation()
    {
        var result = await _harness.RunAsync(new SampleBuild(), "Train", "--rounds", "many");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("Parameter --rounds: 'many' is not a whole number (int).", _harness.Output);

        await _harness.RunAsync(new SampleBuild(), "Train", "--objective", "ranking");
        Assert.Contains("Parameter --objective: 'ranking' is not one of Binary, Regression.", _harness.Output);
    }

    [Fact]
    public async Task AnUnknownParameterSuggestsTheClosestName()
    {
        var result = await _harness.RunAsync(new SampleBuild(), "Train", "--max-exampels", "3");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("Unknown parameter '--max-exampels'. Did you mean '--max-examples'?", _harness.Output);
    }

    [Fact]
    public async Task ASecretOnTheCommandLineIsRefusedWithTheVariableToSet()
    {
        var result = await _harness.RunAsync(new SampleBuild(), "Train", "--registry-token", "abc123");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("set the environment variable TRAINYARD_REGISTRY_TOKEN instead", _harness.Output);
        Assert.DoesNotContain("abc123", _harness.Output);
    }

    [Fact]
    public async Task HelpShowsCurrentValuesWithTheirSourceAndSecretsOnlyAsSetOrUnset()
    {
        _harness.Write(".trainyard/parameters.json", """{ "MaxExamples": 5 }""");
        _harness.Environment["TRAINYARD_REGISTRY_TOKEN"] = "abc123";
        _harness.Environment["TRAINYARD_ROUNDS"] = "42";

        await _harness.RunAsync(new SampleBuild(), "--help", "--pipeline", "p.yml");
        var lines = _harness.Output.Split('\n').Select(l => l.TrimEnd()).ToArray();

        Assert.Matches(@"--rounds\s+Boosting rounds\s+42 \(environment TRAINYARD_ROUNDS\)", Line("--rounds"));
        Assert.Matches(@"--max-examples\s+5 \(parameters file\)", Line("--max-examples"));
        Assert.Matches(@"--pipeline\s+Pipeline spec to run\s+p\.yml \(command line\)", Line("--pipeline"));
        Assert.Matches(@"--learning-rate\s+0\.3 \(default\)", Line("--learning-rate"));
        Assert.Contains("set (secret", Line("--registry-token"));
        Assert.DoesNotContain("abc123", _harness.Output);

        string Line(string option) => lines.Single(l => l.TrimStart().StartsWith(option + " "));
    }

    [Fact]
    public async Task InterfaceParametersAreReadThroughTryGetValue()
    {
        _harness.Environment["TRAINYARD_PIPELINE"] = "pipelines/churn.yml";
        var build = await RunTrain();

        Assert.Equal("pipelines/churn.yml", build.TryGetValue(() => ((IHazPipeline)build).Pipeline));
        Assert.Equal("pipelines/churn.yml", ((IHazPipeline)build).Pipeline);
        Assert.Null(build.TryGetValue(() => build.MaxExamples));
    }

    [Fact]
    public async Task TheParametersFileRefusesSecretsAndUnknownKeys()
    {
        _harness.Write(".trainyard/parameters.json", """{ "RegistryToken": "abc123" }""");
        Assert.Equal(2, (await _harness.RunAsync(new SampleBuild(), "Train")).ExitCode);
        Assert.Contains("RegistryToken is a secret; set the environment variable TRAINYARD_REGISTRY_TOKEN instead.", _harness.Output);

        _harness.Write(".trainyard/parameters.json", """{ "Roundz": 3 }""");
        Assert.Equal(2, (await _harness.RunAsync(new SampleBuild(), "Train")).ExitCode);
        Assert.Contains("unknown parameter 'Roundz'. Did you mean '--rounds'?", _harness.Output);
    }
}
