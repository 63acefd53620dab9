using System.Reflection;
using Microsoft.ML.Calibrators;
using Microsoft.ML.Trainers;
using Microsoft.ML.Trainers.FastTree;
using Microsoft.ML.Trainers.LightGbm;

namespace Trainyard.Training.MLNet;

/// <summary>
/// Reads the trees out of ML.NET's trained model parameters. Two things ML.NET 6 keeps internal are read by
/// reflection, and their absence fails Train rather than guessing: each tree's <c>DefaultValueForMissing</c> (where
/// LightGBM's trees send a missing value) and the sub-models and output formula of a multiclass
/// <see cref="OneVersusAllModelParameters"/>.
/// </summary>
internal static class MLNetModels
{
    private const BindingFlags Instance = BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance;

    /// <summary>The ensemble's trees, tree <c>i</c> as round <c>i</c>. ML.NET's prediction sums the leaves alone, so a bias or tree weight is refused.</summary>
    public static IReadOnlyList<MLNetTree> Trees(RegressionTreeEnsemble ensemble, int group, string trainer)
    {
        if (ensemble.Bias != 0 || ensemble.TreeWeights.Any(w => w != 1))
            throw new TrainyardException($"{trainer}: the ensemble has a bias or tree weights other than 1, which ML.NET's own prediction ignores; the model cannot be exported unambiguously.");
        return ensemble.Trees.Select((tree, round) => new MLNetTree(
            [.. tree.LeftChild], [.. tree.RightChild], [.. tree.NumericalSplitFeatureIndexes], [.. tree.NumericalSplitThresholds],
            [.. tree.CategoricalSplitFlags], [.. tree.LeafValues], MissingValues(tree, trainer), [.. tree.SplitGains], round, group)).ToList();
    }

    /// <summary>A multiclass model's one ensemble per class, in class order; refused unless ML.NET combines them by softmax.</summary>
    public static IReadOnlyList<RegressionTreeEnsemble> PerClass(OneVersusAllModelParameters model, string trainer)
    {
        var impl = typeof(OneVersusAllModelParameters).GetField("_impl", Instance)?.GetValue(model)
            ?? throw Unreadable(trainer, "OneVersusAllModelParameters._impl");
        var formula = impl.GetType().GetField("OutputFormula", Instance)?.GetValue(impl)?.ToString()
            ?? throw Unreadable(trainer, "the output formula");
        if (formula != "Softmax")
            throw new TrainyardException($"{trainer}: the multiclass model combines its classes by '{formula}', not softmax; only softmax is multi:softprob.");
        var predictors = impl.GetType().GetProperty("Predictors", Instance)?.GetValue(impl) as Array
            ?? throw Unreadable(trainer, "the per-class predictors");
        return predictors.Cast<object>().Select(p => p switch
        {
            CalibratedModelParametersBase<LightGbmBinaryModelParameters, PlattCalibrator> calibrated => calibrated.SubModel.TrainedTreeEnsemble,
            LightGbmBinaryModelParameters plain => plain.TrainedTreeEnsemble,
            _ => throw new TrainyardException($"{trainer}: a class's model is a {p.GetType().Name}, which Trainyard cannot export."),
        }).ToList();
    }

    private static float[]? MissingValues(RegressionTreeBase tree, string trainer)
    {
        var inner = typeof(RegressionTreeBase).GetField("_tree", Instance)?.GetValue(tree) ?? throw Unreadable(trainer, "RegressionTreeBase._tree");
        var field = inner.GetType().GetField("DefaultValueForMissing", Instance) ?? throw Unreadable(trainer, "DefaultValueForMissing");
        return field.GetValue(inner) as float[];
    }

    private static TrainyardException Unreadable(string trainer, string what) =>
        new($"{trainer}: cannot read {what} from ML.NET {MLNetVersion.Value}'s model (Trainyard reads ML.NET 6.0's); the model cannot be exported.");
}

/// <summary>The Microsoft.ML assembly's informational version (e.g. 6.0.0), without the commit suffix.</summary>
internal static class MLNetVersion
{
    public static string Value { get; } =
        (typeof(Microsoft.ML.MLContext).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion
            ?? typeof(Microsoft.ML.MLContext).Assembly.GetName().Version?.ToString() ?? "unknown").Split('+')[0];
}
