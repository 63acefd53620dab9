using System.Globalization;
using System.Reflection;
using Trainyard.Pipelines;

namespace Trainyard.Training.MLNet;

/// <summary>
/// The spec's <c>training.parameters</c> for an ML.NET trainer: snake_case names of the trainer's option fields
/// (<c>number_of_leaves</c> → <c>NumberOfLeaves</c>), from an allowed list. Rounds, early stopping, threads and seed
/// come from <c>training.*</c> and <c>split.seed</c>, not from parameters; options that would give the model
/// categorical splits or change how it is read (softmax, the evaluation metric) are not offered.
/// </summary>
internal static class MLNetOptions
{
    /// <summary>Names that other <c>training</c> keys already set, with the key to use instead.</summary>
    private static readonly Dictionary<string, string> SetElsewhere = new(StringComparer.Ordinal)
    {
        ["number_of_trees"] = "training.rounds", ["number_of_iterations"] = "training.rounds",
        ["early_stopping_round"] = "training.early_stopping_rounds", ["number_of_threads"] = "training.threads",
        ["seed"] = "split.seed",
    };

    /// <summary>Every trainer's parameter names, to say whose a misplaced one is.</summary>
    private static readonly Dictionary<string, string[]> Others = new(StringComparer.Ordinal)
    {
        ["xgboost"] = ["eta", "learning_rate", "max_depth", "min_child_weight", "subsample", "colsample_bytree", "colsample_bylevel",
            "colsample_bynode", "gamma", "min_split_loss", "lambda", "reg_lambda", "alpha", "reg_alpha", "max_bin", "max_leaves",
            "grow_policy", "tree_method", "objective", "eval_metric", "scale_pos_weight", "max_delta_step", "num_parallel_tree",
            "booster", "nthread", "base_score", "sampling_method", "monotone_constraints", "interaction_constraints"],
    };

    /// <summary>
    /// Sets <paramref name="settings"/>' parameters on <paramref name="targets"/> (the trainer's options object, then
    /// nested option objects such as LightGBM's booster options), after checking each name is in
    /// <paramref name="allowed"/>. Returns the parameters as recorded in run.json: the given ones, in name order.
    /// </summary>
    public static IReadOnlyList<KeyValuePair<string, string>> Apply(
        string trainer, IReadOnlyList<string> allowed, IReadOnlyDictionary<string, string[]> otherTrainers,
        TrainingSettings settings, params object[] targets)
    {
        var applied = new List<KeyValuePair<string, string>>();
        foreach (var (name, text) in settings.Parameters.OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            var location = settings.ParameterLocations.GetValueOrDefault(name);
            if (!allowed.Contains(name, StringComparer.Ordinal))
                throw new TrainyardException(Unknown(trainer, name, allowed, otherTrainers), location);
            var field = targets
                .Select(t => (Target: t, Field: t.GetType().GetField(PascalCase(name), BindingFlags.Public | BindingFlags.Instance)))
                .FirstOrDefault(f => f.Field is not null);
            if (field.Field is null)
                throw new InvalidOperationException($"{trainer} option '{name}' has no field {PascalCase(name)}.");
            field.Field.SetValue(field.Target, Parse(trainer, name, text, field.Field.FieldType, location));
            applied.Add(new(name, text));
        }
        return applied;
    }

    private static string Unknown(string trainer, string name, IReadOnlyList<string> allowed, IReadOnlyDictionary<string, string[]> otherTrainers)
    {
        if (SetElsewhere.TryGetValue(name, out var key))
            return $"training.parameters: '{name}' is set by {key}, not as a {trainer} parameter.";
        var owner = Others.Concat(otherTrainers).FirstOrDefault(o => o.Value.Contains(name, StringComparer.Ordinal)).Key;
        var whose = owner is null ? "" : $" '{name}' is a parameter of {owner}, not of {trainer}{Hint(name)}.";
        return $"training.parameters: unknown {trainer} parameter '{name}'.{whose} {Quote.DidYouMean(name, allowed)}"
            + $"{trainer} takes: {string.Join(", ", allowed)}.";
    }

    // The usual translations from XGBoost's names.
    private static string Hint(string name) => name switch
    {
        "max_depth" => " (the tree size is number_of_leaves: depth d is up to 2^d leaves)",
        "eta" => " (use learning_rate)",
        "lambda" or "reg_lambda" => " (lightgbm: l2_regularization)",
        "subsample" => " (fasttree: bagging_example_fraction with bagging_size; lightgbm: subsample_fraction with subsample_frequency)",
        "colsample_bytree" => " (use feature_fraction)",
        _ => "",
    };

    private static object Parse(string trainer, string name, string text, Type type, SourceLocation? location)
    {
        var target = Nullable.GetUnderlyingType(type) ?? type;
        object? value = null;
        string expected;
        if (target == typeof(int))
        {
            expected = "a whole number";
            if (int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var i)) value = i;
        }
        else if (target == typeof(double) || target == typeof(float))
        {
            expected = "a number";
            if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var d) && double.IsFinite(d))
                value = target == typeof(float) ? (float)d : d;
        }
        else if (target == typeof(bool))
        {
            expected = "true or false";
            if (bool.TryParse(text, out var b)) value = b;
        }
        else
        {
            throw new InvalidOperationException($"{trainer} option '{name}' has type {type.Name}, which is not parsed.");
        }
        return value ?? throw new TrainyardException($"training.parameters: {trainer} parameter '{name}' expects {expected}, got '{text}'.", location);
    }

    /// <summary><c>number_of_leaves</c> → <c>NumberOfLeaves</c>, <c>l2_regularization</c> → <c>L2Regularization</c>.</summary>
    public static string PascalCase(string snake) =>
        string.Concat(snake.Split('_').Where(w => w.Length > 0).Select(w => char.ToUpperInvariant(w[0]) + w[1..]));
}
