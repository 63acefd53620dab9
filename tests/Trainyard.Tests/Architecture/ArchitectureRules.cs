using static Trainyard.Tests.Architecture.Scope;

namespace Trainyard.Tests.Architecture;

/// <summary>The architecture of docs and DESIGN.md as rows "these types never use those". A new rule is a new row.</summary>
internal static class ArchitectureRules
{
    /// <summary>What runs in production. A new production assembly (Trainyard.Gateway) is one more name here, and a
    /// ProjectReference from the test project so its DLL is beside the tests.</summary>
    public static readonly string[] ProductionAssemblies = ["Trainyard.Runtime", "Trainyard.Serving", "Trainyard.Gateway"];

    /// <summary>The folders of src/Trainyard that hold one concern each; Components mixes them into targets.</summary>
    public static readonly string[] ConcernNamespaces =
    [
        "Trainyard.Data", "Trainyard.Training", "Trainyard.Evaluation", "Trainyard.Registry", "Trainyard.Reporting",
        "Trainyard.GitHub", "Trainyard.Docker", "Trainyard.Containers", "Trainyard.Deploy", "Trainyard.Monitoring",
        "Trainyard.Pipelines", "Trainyard.Interop", "Trainyard.IO", "Trainyard.Packaging", "Trainyard.Models", "Trainyard.Artifacts",
    ];

    /// <summary>No concern folder uses, through others, a folder that uses it: each builds on the ones below it.</summary>
    public static readonly AcyclicRule ConcernGraph = new("Concern folders form an acyclic graph", "Trainyard", ConcernNamespaces);

    private static readonly Scope BuildTime = AnyOf(
        Assembly("Trainyard"), Assembly("Trainyard.Engine"), Assembly("YamlDotNet"), Assembly("Scriban.Signed"),
        Assembly("Spectre.Console"), Assembly("Octokit"), Assembly("Polly.Core"), Assembly("Docker.DotNet"),
        Assembly("Microsoft.Data.Analysis"));

    public static readonly ArchitectureRule[] All =
    [
        .. ProductionAssemblies.Select(production => new ArchitectureRule(
            $"{production} never references build-time code", Assembly(production), BuildTime)),
        .. ProductionAssemblies.Select(production => new ArchitectureRule(
            $"{production} calls no native library", Assembly(production), NativeCode)),
        // ML.NET trains at build time only; its models are exported to the managed scorer, so the image holds no ML.NET.
        .. ProductionAssemblies.Select(production => new ArchitectureRule(
            $"{production} never references ML.NET", Assembly(production), AnyOf(Namespace("Microsoft.ML"), Assembly("Microsoft.ML")))),
        new("The engine knows nothing of machine learning", Assembly("Trainyard.Engine"),
            AnyOf(Assembly("Trainyard"), Assembly("Trainyard.Runtime"), Assembly("Trainyard.Serving"), Namespace("Trainyard"))
                .Except(OnlyNamespace("Trainyard.Engine", "Trainyard"), Namespace("Trainyard.Engine", "Trainyard.Targets"),
                    Namespace("Trainyard.Engine", "Trainyard.IO"))),
        new("The engine calls no native library (no XGBoost)", Assembly("Trainyard.Engine"), NativeCode),
        new("Only Docker/ talks to the Docker library: the rest uses its DockerEngine",
            Assembly("Trainyard").Except(Namespace("Trainyard", "Trainyard.Docker")), Assembly("Docker.DotNet")),
        new("Concern folders never reference Components",
            AnyOf([.. ConcernNamespaces.Select(concern => Namespace("Trainyard", concern))]), Namespace("Trainyard.Components")),
        new("Training never references Evaluation (Evaluate builds on Train; the decision threshold lives in Training)",
            Namespace("Trainyard", "Trainyard.Training"), Namespace("Trainyard", "Trainyard.Evaluation")),
        new("Registry never references Evaluation (Evaluate's baseline reads the registry, not the other way)",
            Namespace("Trainyard", "Trainyard.Registry"), Namespace("Trainyard", "Trainyard.Evaluation")),
        new("Registry never references Reporting (the report reads the registry's baseline through Evaluation)",
            Namespace("Trainyard", "Trainyard.Registry"), Namespace("Trainyard", "Trainyard.Reporting")),
        new("Evaluation never references Reporting (the report shows evaluation's results)",
            Namespace("Trainyard", "Trainyard.Evaluation"), Namespace("Trainyard", "Trainyard.Reporting")),
        new("Packaging and Models build on the concerns below them, which never reference them",
            AnyOf(Namespace("Trainyard", "Trainyard.Registry"), Namespace("Trainyard", "Trainyard.Evaluation"),
                Namespace("Trainyard", "Trainyard.Reporting"), Namespace("Trainyard", "Trainyard.Training")),
            AnyOf(Namespace("Trainyard", "Trainyard.Packaging"), Namespace("Trainyard", "Trainyard.Models"))),
        new("Artifacts never references the concerns that produce or read them (the files targets hand each other sit below them all)",
            Namespace("Trainyard", "Trainyard.Artifacts"),
            AnyOf([.. new[] { "Training", "Evaluation", "Reporting", "Registry", "Packaging", "Models", "Containers", "Components" }
                .Select(concern => Namespace("Trainyard", $"Trainyard.{concern}"))])),
        new("Deploy builds on the chain before it (it may use Evaluation and Pipelines), which never references it",
            AnyOf(Namespace("Trainyard", "Trainyard.Pipelines"), Namespace("Trainyard", "Trainyard.Data"),
                Namespace("Trainyard", "Trainyard.Training"), Namespace("Trainyard", "Trainyard.Evaluation"),
                Namespace("Trainyard", "Trainyard.Packaging"), Namespace("Trainyard", "Trainyard.Models")),
            Namespace("Trainyard", "Trainyard.Deploy")),
    ];
}
