using System.Globalization;
using Trainyard.Tests.Pipelines;
using Trainyard.Training;

namespace Trainyard.Tests.Training;

/// <summary>
/// parity_data.csv, written by parity_reference.py: 440 rows of 6 float32 features (about 10% missing) and three
/// label columns. Rows 0–299 train, 300–399 validate, 400–439 are the test rows whose predictions are compared.
/// </summary>
internal static class ParityData
{
    public const int Columns = 6;
    private static readonly string[] Lines = File.ReadAllLines(RepositoryRoot.File("tests/Trainyard.Tests/Training/parity_data.csv"));

    public static IReadOnlyList<string> FeatureNames { get; } = Enumerable.Range(0, Columns).Select(j => $"f{j}").ToArray();

    /// <summary>The settings parity_reference.py trains with.</summary>
    public static TrainingSettings Settings(TrainingTask task) => new()
    {
        Task = task,
        Rounds = 200,
        EarlyStoppingRounds = 10,
        Threads = 2,
        Seed = 7,
        Parameters = new Dictionary<string, string> { ["max_depth"] = "3", ["eta"] = "0.3" },
    };

    /// <summary>Rows [first, first + count) with the label of <paramref name="task"/>.</summary>
    public static TrainingSet Rows(int first, int count, TaskKind task)
    {
        var labelColumn = Columns + (int)task;
        var features = new float[count * Columns];
        var labels = new float[count];
        for (var i = 0; i < count; i++)
        {
            var cells = Lines[1 + first + i].Split(',');
            for (var j = 0; j < Columns; j++)
                features[i * Columns + j] = cells[j].Length == 0 ? float.NaN : float.Parse(cells[j], CultureInfo.InvariantCulture);
            labels[i] = float.Parse(cells[labelColumn], CultureInfo.InvariantCulture);
        }
        return new TrainingSet(features, count, FeatureNames, labels);
    }

    public static TrainingSet Training(TaskKind task) => Rows(0, 300, task);

    public static TrainingSet Validation(TaskKind task) => Rows(300, 100, task);

    public static TrainingSet Test(TaskKind task) => Rows(400, 40, task);

    /// <summary>libxgboost's predictions of <paramref name="model"/> for the test rows.</summary>
    public static float[] PredictTest(TrainedModel model, TaskKind task)
    {
        var test = Test(task);
        return NativePredictor.Predict(model.ModelJson.Span, test.Features.Span, test.Rows, test.Columns, threads: 2);
    }
}
