
using static Trainyard.Tests.Architecture.Scope;

namespace Trainyard.Tests.Architecture;

public sealed class ArchitectureTests(BuiltAssemblies built) : IClassFixture<BuiltAssemblies>
{
    private const string Fixtures = "Trainyard.Tests.Architecture.Fixtures";

    public static TheoryData<string> RuleNames => [.. ArchitectureRules.All.Select(rule => rule.Name)];

    [Theory]
    [MemberData(nameof(RuleNames))]
    public void BuiltAssembliesKeepTheRule(string name)
    {
        var violations = Rule(name).Violations(built.Types);

        Assert.True(violations.Count == 0, string.Join(Environment.NewLine, violations));
    }

    /// <summary>A rule whose types were renamed or moved away would pass over nothing.</summary>
    [Theory]
    [MemberData(nameof(RuleNames))]
    public void RuleCoversSomeBuiltTypes(string name) =>
        Assert.Contains(built.Types, Rule(name).Subject.Holds);

    /// <summary>Each rule, applied to types of this assembly that break it, names the rule, each type and what it uses.</summary>
    [Theory]
    [MemberData(nameof(RuleNames))]
    public void RuleFailsOnTypesThatBreakIt(string name)
    {
        var (fixtures, expected) = BreakingFixtures(name);

        var violations = Rule(name).AppliedTo(Namespace("Trainyard.Tests", fixtures)).Violations(built.TestTypes);

        Assert.Equal(expected, violations);
    }

    [Theory]
    [MemberData(nameof(RuleNames))]
    public void RulePassesTypesThatKeepIt(string name) =>
        Assert.Empty(Rule(name).AppliedTo(Namespace("Trainyard.Tests", $"{Fixtures}.Clean")).Violations(built.TestTypes));

    /// <summary>The build's own XGBoost binding (LibraryImport, which this test project cannot compile without unsafe
    /// code) is what the native-code rules catch.</summary>
    [Fact]
    public void NativeCodeRuleCatchesTheXGBoostBinding()
    {
        var rule = Rule("The engine calls no native library (no XGBoost)").AppliedTo(Namespace("Trainyard", "Trainyard.Interop"));

        var violation = Assert.Single(rule.Violations(built.Types), v => v.Contains("XGBoostNative uses", StringComparison.Ordinal));

        Assert.Contains("native library xgboost (XGBoosterCreate)", violation);
    }

    [Fact]
    public void ConcernFoldersFormAnAcyclicGraph()
    {
        var violations = ArchitectureRules.ConcernGraph.Violations(built.Types);

        Assert.True(violations.Count == 0, string.Join(Environment.NewLine, violations));
    }

    [Fact]
    public void AcyclicRuleNamesFoldersThatImportEachOther()
    {
        string[] folders = [$"{Fixtures}.Cycle.Left", $"{Fixtures}.Cycle.Right", $"{Fixtures}.Cycle.Above", $"{Fixtures}.Clean"];
        var rule = ArchitectureRules.ConcernGraph.AppliedTo("Trainyard.Tests", folders);

        var violations = rule.Violations(built.TestTypes);

        Assert.Equal(
        [
            $"{rule.Name}: {Fixtures}.Cycle.Left → {Fixtures}.Cycle.Right ({Fixtures}.Cycle.Left.Order uses {Fixtures}.Cycle.Right.Invoice); "
                + $"{Fixtures}.Cycle.Right → {Fixtures}.Cycle.Left ({Fixtures}.Cycle.Right.Invoice uses {Fixtures}.Cycle.Left.Order)",
        ], violations);
    }

    [Fact]
    public void AcyclicRulePassesFoldersThatImportOneWay()
    {
        var rule = ArchitectureRules.ConcernGraph.AppliedTo("Trainyard.Tests", [$"{Fixtures}.Cycle.Above", $"{Fixtures}.Cycle.Left", $"{Fixtures}.Clean"]);

        Assert.Empty(rule.Violations(built.TestTypes));
    }

    [Fact]
    public void RuleNamesAreDistinct() =>
        Assert.Equal(ArchitectureRules.All.Length, RuleNames.Count);

    private static ArchitectureRule Rule(string name) => ArchitectureRules.All.Single(rule => rule.Name == name);

    private static (string Fixtures, string[] Expected) BreakingFixtures(string rule) => rule switch
    {
        _ when rule.EndsWith("never references build-time code", StringComparison.Ordinal) => ($"{Fixtures}.BuildTime",
        [
            $"{rule}: {Fixtures}.BuildTime.ReadsYaml uses YamlDotNet.Serialization.DeserializerBuilder, YamlDotNet.Serialization.IDeserializer",
            $"{rule}: {Fixtures}.BuildTime.WritesToTheConsole uses Spectre.Console.AnsiConsole",
        ]),
        _ when rule.EndsWith("never references ML.NET", StringComparison.Ordinal) => ($"{Fixtures}.MLNet",
        [
            $"{rule}: {Fixtures}.MLNet.TrainsWithMLNet uses Microsoft.ML.MLContext",
        ]),
        _ when rule.Contains("calls no native library", StringComparison.Ordinal) => ($"{Fixtures}.Native",
        [
            $"{rule}: {Fixtures}.Native.CallsXGBoost uses native library xgboost (XGBoosterCreate)",
        ]),
        "The engine knows nothing of machine learning" => ($"{Fixtures}.MachineLearning",
        [
            $"{rule}: {Fixtures}.MachineLearning.KnowsTheComponents uses Trainyard.Components.ITrain",
            $"{rule}: {Fixtures}.MachineLearning.KnowsTheModelFormat uses Trainyard.Runtime.ModelFormatException",
        ]),
        "Only Docker/ talks to the Docker library: the rest uses its DockerEngine" => ($"{Fixtures}.DockerLibrary",
        [
            $"{rule}: {Fixtures}.DockerLibrary.SmokeTest uses Docker.DotNet.DockerClient, Docker.DotNet.DockerClientBuilder",
        ]),
        "Concern folders never reference Components" => ($"{Fixtures}.Concern",
        [
            $"{rule}: {Fixtures}.Concern.TrainingRun uses Trainyard.Components.ITrain",
        ]),
        _ when rule.StartsWith("Training never references Evaluation", StringComparison.Ordinal) => ($"{Fixtures}.TrainingOnEvaluation",
        [
            $"{rule}: {Fixtures}.TrainingOnEvaluation.FindsTheBaseline uses Trainyard.Evaluation.ModelBaseline",
        ]),
        _ when rule.StartsWith("Registry never references Evaluation", StringComparison.Ordinal) => ($"{Fixtures}.RegistryOnEvaluation",
        [
            $"{rule}: {Fixtures}.RegistryOnEvaluation.FindsTheBaseline uses Trainyard.Evaluation.ModelBaseline",
        ]),
        _ when rule.StartsWith("Registry never references Reporting", StringComparison.Ordinal) => ($"{Fixtures}.RegistryOnReporting",
        [
            $"{rule}: {Fixtures}.RegistryOnReporting.ReadsTheReport uses Trainyard.Reporting.ReportInputs",
        ]),
        _ when rule.StartsWith("Evaluation never references Reporting", StringComparison.Ordinal) => ($"{Fixtures}.EvaluationOnReporting",
        [
            $"{rule}: {Fixtures}.EvaluationOnReporting.ReadsTheReport uses Trainyard.Reporting.ReportInputs",
        ]),
        _ when rule.StartsWith("Packaging and Models build on", StringComparison.Ordinal) => ($"{Fixtures}.OnPackaging",
        [
            $"{rule}: {Fixtures}.OnPackaging.ReadsTheOrigin uses Trainyard.Packaging.RunLineage",
        ]),
        _ when rule.StartsWith("Artifacts never references the concerns", StringComparison.Ordinal) => ($"{Fixtures}.ArtifactsOnConcerns",
        [
            $"{rule}: {Fixtures}.ArtifactsOnConcerns.ReadsTheReportInputs uses Trainyard.Evaluation.ModelBaseline, Trainyard.Reporting.ReportInputs",
        ]),
        _ when rule.StartsWith("Deploy builds on the chain before it", StringComparison.Ordinal) => ($"{Fixtures}.OnDeploy",
        [
            $"{rule}: {Fixtures}.OnDeploy.JudgesAStep uses Trainyard.Deploy.Analysis.StepVerdict",
        ]),
        _ => throw new InvalidOperationException($"The rule \"{rule}\" has no fixture that breaks it: add one to Fixtures.cs."),
    };
}
