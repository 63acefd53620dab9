using Trainyard.Components;
using Trainyard.Targets;

/// <summary>
/// This repository's build: Trainyard's components on the sample pipelines, and Test for Trainyard's own suite.
/// A consuming repository's Build.cs looks the same, minus Test.
/// </summary>
class Build : TrainyardBuild, IInferSchema, IComment, IPackage, IPromote, IContainerize
{
    public static int Main(string[] args) => Execute<Build>(args);

    [Parameter("Only the tests matching this dotnet test filter, e.g. FullyQualifiedName~Targets")]
    readonly string? TestFilter = null;

    Target Test => _ => _
        .Description("Runs Trainyard's own test suite (dotnet test Repo.sln) and prints 'N passed, N failed'")
        .AlwaysRuns("tests run each time they are asked for")
        .Executes(cancellationToken => TestSuite.RunAsync(Context, TestFilter, cancellationToken));
}
