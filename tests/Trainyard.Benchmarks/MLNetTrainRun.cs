using System.Diagnostics;
using System.Globalization;
using Microsoft.ML;
using Trainyard.Data;
using Trainyard.Data.Csv;
using Trainyard.Data.Table;
using Trainyard.Pipelines;
using Trainyard.Runtime.Scoring;
using Trainyard.Training;

namespace Trainyard.Benchmarks;

/// <summary>
/// One side of <c>train-mlnet</c> in its own process: load the training CSV, featurize and train, timed (wall and
/// process CPU); then, untimed, the test AUC on the test CSV. Prints <c>rows=… seconds=… cpu=… peak_kb=… auc=…</c>.
/// </summary>
internal static class MLNetTrainRun
{
    /// <summary>A side's name: <c>trainyard-&lt;trainer&gt;</c> (Trainyard's Train) or <c>mlnet-&lt;trainer&gt;</c> (ML.NET end to end).</summary>
    public static async Task<int> RunAsync(string side, string trainCsv, string testCsv, int threads, int rounds)
    {
        var (kind, trainer) = side.Split('-', 2) switch
        {
            ["trainyard" or "mlnet", var name] parts => (parts[0], name),
            _ => throw new ArgumentException($"train-mlnet-run: '{side}' is not trainyard-<trainer> or mlnet-<trainer>"),
        };
        var startCpu = CpuNow();
        var clock = Stopwatch.StartNew();
        var result = kind == "trainyard"
            ? await Trainyard(trainer, trainCsv, testCsv, threads, rounds, clock)
            : MLNet(trainer, trainCsv, testCsv, threads, rounds, clock);
        var cpu = (result.Cpu - startCpu).TotalSeconds;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"rows={result.Rows} seconds={clock.Elapsed.TotalSeconds:F4} cpu={cpu:F4} peak_kb={Measurement.PeakResidentKilobytes()} auc={result.Auc:F6} {result.Phases}").TrimEnd());
        return 0;
    }

    /// <param name="Phases">Seconds of each timed phase, for the sides that can tell them apart (ML.NET's loading is lazy).</param>
    private sealed record Result(int Rows, TimeSpan Cpu, double Auc, string Phases = "");

    /// <summary>What the Train target does before and in training: the typed table read with the schema, the featurizer
    /// fitted on the rows, the dense matrix and labels built, and the registered trainer of that name trained.</summary>
    private static async Task<Result> Trainyard(string trainer, string trainCsv, string testCsv, int threads, int rounds, Stopwatch clock)
    {
        var schema = Schema();
        var table = await DataTable.ReadAsync(trainCsv, CsvFormat.Default, schema);
        var loaded = clock.Elapsed.TotalSeconds;
        var rows = Enumerable.Range(0, table.RowCount).ToArray();
        var matrix = FeatureMatrix.Fit(table, rows, null, SyntheticMatrixCsv.Label, PipelineTask.Binary, positiveClass: "1");
        var set = new TrainingSet(matrix.Build(rows), rows.Length, matrix.Featurizer.FeatureNames, matrix.Labels(rows));
        var settings = new TrainingSettings
        {
            Trainer = trainer,
            Task = TrainingTask.Binary,
            Rounds = rounds,
            EarlyStoppingRounds = 0,
            Threads = threads,
            Seed = 0,
            Parameters = Parameters(trainer),
        };
        var featurized = clock.Elapsed.TotalSeconds;
        var model = await Registered(settings).TrainAsync(set, validation: null, settings);
        clock.Stop();
        var phases = string.Create(CultureInfo.InvariantCulture,
            $"load={loaded:F2} featurize={featurized - loaded:F2} train={clock.Elapsed.TotalSeconds - featurized:F2}");
        var cpu = CpuNow();

        var test = await DataTable.ReadAsync(testCsv, CsvFormat.Default, schema);
        var testRows = Enumerable.Range(0, test.RowCount).ToArray();
        var testMatrix = FeatureMatrix.For(test, matrix.Featurizer, SyntheticMatrixCsv.Label, PipelineTask.Binary);
        var probabilities = new float[testRows.Length];
        XGBoostScorer.Load(model.ModelJson.Span).PredictBatch(testMatrix.Build(testRows), probabilities);
        return new Result(rows.Length, cpu, TestAuc.Of(testMatrix.Labels(testRows), probabilities), phases);
    }

    private static Result MLNet(string trainer, string trainCsv, string testCsv, int threads, int rounds, Stopwatch clock)
    {
        var ml = new MLContext(seed: 0);
        var model = MLNetPeer.TrainFromCsv(ml, trainer, trainCsv, threads, rounds);
        clock.Stop();
        var cpu = CpuNow();
        var rows = (int)(MLNetPeer.Loader(ml).Load(trainCsv).GetRowCount() ?? File.ReadLines(trainCsv).Count() - 1);
        var (labels, probabilities) = MLNetPeer.Score(model, MLNetPeer.Loader(ml).Load(testCsv));
        return new Result(rows, cpu, TestAuc.Of(labels, probabilities));
    }

    /// <summary>The trainer Train would pick by the name (registered by default in <see cref="TrainingSettings.Trainers"/>).</summary>
    public static ITrainer Registered(TrainingSettings settings) => settings.Trainers.TryGetValue(settings.Trainer, out var trainer)
        ? trainer
        : throw new InvalidOperationException($"'{settings.Trainer}' is not a registered trainer; registered: {string.Join(", ", settings.Trainers.Keys)}");

    /// <summary>The comparable settings in each trainer's own parameter names (the spec's <c>training.parameters</c>).</summary>
    public static IReadOnlyDictionary<string, string> Parameters(string trainer) => trainer switch
    {
        "xgboost" => new Dictionary<string, string> { ["max_depth"] = "6", ["eta"] = Invariant(MLNetPeer.LearningRate) },
        _ => new Dictionary<string, string> { ["number_of_leaves"] = $"{MLNetPeer.Leaves}", ["learning_rate"] = Invariant(MLNetPeer.LearningRate) },
    };

    /// <summary>What a reviewed schema says of the file: 20 numeric features (none categorical) and a 0/1 categorical label.</summary>
    private static DatasetSchema Schema() => new()
    {
        Columns =
        [
            .. SyntheticMatrixCsv.FeatureNames.Select(name => new ColumnSchema { Name = name, Type = ColumnType.Numeric, MaxNullRate = 1 }),
            new ColumnSchema { Name = SyntheticMatrixCsv.Label, Type = ColumnType.Categorical, Categories = ["0", "1"] },
        ],
        Label = SyntheticMatrixCsv.Label,
    };

    private static TimeSpan CpuNow()
    {
        using var self = Process.GetCurrentProcess();
        return self.TotalProcessorTime;
    }

    private static string Invariant(double value) => value.ToString(CultureInfo.InvariantCulture);
}
