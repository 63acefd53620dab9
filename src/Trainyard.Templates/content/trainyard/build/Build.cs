using Trainyard.Components;
using Trainyard.Targets;

/// <summary>
/// This repository's build. Trainyard's targets come with the interfaces below (InferSchema, ValidateData, Train,
/// Evaluate, Report, Comment, Package, Containerize); ./build.sh --help lists them and their parameters.
/// </summary>
class Build : TrainyardBuild, IInferSchema, IComment, IContainerize, ICanaryDeploy, IRollback, IDeployments, IMonitor
{
    public static int Main(string[] args) => Execute<Build>(args);

    // Change a component's settings with its Configure hook instead of copying the target (docs/customising.md), e.g.
    //   Configure<Trainyard.Training.TrainingSettings> ITrain.TrainingSettings => s => s with { Threads = 2 };
    //   Configure<Trainyard.Reporting.ReportSettings> IReport.ReportSettings => s => s with { Title = "Churn model" };

    // Add your own targets here; they join Trainyard's dependency graph and run with ./build.sh <Name>:
    //   Target Publish => _ => _
    //       .DependsOn(From<IContainerize>().Containerize)
    //       .Executes(() => Console.WriteLine("push the image to your registry"));

    // Replace one of Trainyard's targets by implementing it here, e.g. Target IReport.Report => _ => _ ... ;
}
