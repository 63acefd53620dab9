using Trainyard.Pipelines;

namespace Trainyard.Evaluation;

/// <summary>
/// The few metrics a reader looks at first for each task — what the PR comment shows beside the gates, and what a
/// model listing shows — in that order.
/// </summary>
internal static class HeadlineMetrics
{
    public static IReadOnlyList<string> For(PipelineTask task) => task switch
    {
        PipelineTask.Binary => ["auc", "pr_auc", "log_loss", "f1"],
        PipelineTask.Multiclass => ["accuracy", "macro_f1", "log_loss"],
        PipelineTask.Regression => ["rmse", "mae", "r2"],
        _ => [],
    };
}
