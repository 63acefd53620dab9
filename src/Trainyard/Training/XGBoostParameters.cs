using System.Globalization;

namespace Trainyard.Training;

/// <summary>
/// The parameters handed to XGBoost: defaults that follow from the task, then the user's parameters as they are,
/// so a user's <c>objective</c>, <c>eval_metric</c> or <c>tree_method</c> replaces the default instead of adding to it.
/// </summary>
internal static class XGBoostParameters
{
    public static IReadOnlyList<KeyValuePair<string, string>> For(TrainingSettings settings)
    {
        var user = settings.Parameters;
        var result = new List<KeyValuePair<string, string>>();
        void Default(string name, string value)
        {
            if (!user.ContainsKey(name)) result.Add(new(name, value));
        }

        var task = settings.Task;
        Default("objective", task.Kind switch
        {
            TaskKind.BinaryClassification => "binary:logistic",
            TaskKind.MulticlassClassification => "multi:softprob",
            _ => "reg:squarederror",
        });
        if (task.Kind == TaskKind.MulticlassClassification)
            Default("num_class", task.ClassCount.ToString(CultureInfo.InvariantCulture));
        // AUC for binary: it is what the release gates judge a classifier by, and it does not reward
        // overconfident probabilities the way early stopping on log loss can be swayed by a few rows.
        Default("eval_metric", task.Kind switch
        {
            TaskKind.BinaryClassification => "auc",
            TaskKind.MulticlassClassification => "mlogloss",
            _ => "rmse",
        });
        Default("tree_method", "hist");
        Default("nthread", settings.EffectiveThreads.ToString(CultureInfo.InvariantCulture));
        Default("seed", settings.Seed.ToString(CultureInfo.InvariantCulture));
        // Like Python's xgboost: XGBoost then warns about parameters it does not use (typos in the spec).
        Default("validate_parameters", "1");
        foreach (var (name, value) in user.OrderBy(p => p.Key, StringComparer.Ordinal)) result.Add(new(name, value));
        return result;
    }

    /// <summary>The thread count XGBoost will use: the user's <c>nthread</c> when given, else the settings'.</summary>
    public static int Threads(IReadOnlyList<KeyValuePair<string, string>> parameters) =>
        int.TryParse(parameters.Last(p => p.Key == "nthread").Value, CultureInfo.InvariantCulture, out var threads) && threads > 0
            ? threads
            : Environment.ProcessorCount;
}
