using Microsoft.Data.Analysis;
using Trainyard.Artifacts.Metrics;
using Trainyard.Components;
using Trainyard.Evaluation;
using Trainyard.Targets;

/// <summary>
/// This repository's build: Trainyard's components on the sample pipelines, and Test for Trainyard's own suite.
/// A consuming repository's Build.cs looks the same, minus Test.
/// </summary>
class Build : TrainyardBuild, IInferSchema, IComment, IPackage, IPromote, IContainerize, ICanaryDeploy, IRollback, IDeployments, IMonitor
{
    public static int Main(string[] args) => Execute<Build>(args);

    [Parameter("Only the tests matching this dotnet test filter, e.g. FullyQualifiedName~Targets")]
    readonly string? TestFilter = null;

    // The credit pipeline's own metric: a gate can use it (amount_recall >= 0.6) like auc.
    IEnumerable<CustomMetric> IEvaluate.CustomMetrics =>
        Path.GetFileNameWithoutExtension(From<IHazPipeline>().Pipeline) == "credit-risk"
            ? [new("amount_recall", MetricDirection.HigherIsBetter, AmountRecall) { DisplayName = "Bad-loan amount flagged" }]
            : [];

    /// <summary>Of the money lent in the test rows' bad loans, the share in loans the model flags as bad at its threshold.</summary>
    static double? AmountRecall(DataFrame rows)
    {
        var bad = rows.Filter(rows[TestRows.Label].ElementwiseEquals("bad"));
        var flagged = bad.Filter(bad[TestRows.Prediction].ElementwiseEquals("bad"));
        var total = Convert.ToDouble(bad["Amount"].Sum());
        return total == 0 ? null : Convert.ToDouble(flagged["Amount"].Sum()) / total;
    }

    Target Test => _ => _
        .Description("Runs Trainyard's own test suite (dotnet test Repo.sln) and prints 'N passed, N failed'")
        .AlwaysRuns("tests run each time they are asked for")
        .Executes(cancellationToken => TestSuite.RunAsync(Context, TestFilter, cancellationToken));
}
