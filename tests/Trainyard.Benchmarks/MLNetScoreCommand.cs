using System.Diagnostics;
using System.Globalization;
using Microsoft.ML;
using Microsoft.ML.Data;
using Trainyard.Runtime.Scoring;
using Trainyard.Training;
using Trainyard.Training.MLNet;

namespace Trainyard.Benchmarks;

/// <summary>
/// <c>score-mlnet</c>: the managed scorer on Trainyard's export of an ML.NET model against ML.NET scoring that model
/// itself, single row (PredictionEngine, a loop over the test rows) and batch (model.Transform over an IDataView of the
/// rows, reading the Probability column), single-threaded on both sides. Both score the model Trainyard's trainer
/// fitted (its export, and ML.NET's own transformer of it); the largest difference between the two sides'
/// probabilities is printed as a parity check. Time per row is wall and process CPU; allocations are this thread's.
/// </summary>
internal static class MLNetScoreCommand
{
    private const int TrainRows = 50_000;
    private const int TestSeed = 43;

    public static async Task<int> RunAsync(int rows, int trees, int repetitions, IReadOnlyList<string> trainers)
    {
        var (trainFeatures, trainLabels) = SyntheticMatrix.Read(SyntheticMatrix.Ensure(TrainRows), TrainRows);
        var (features, labels) = SyntheticMatrix.Read(SyntheticMatrix.Ensure(rows, TestSeed), rows);
        var set = new TrainingSet(trainFeatures, TrainRows, SyntheticMatrixCsv.FeatureNames, trainLabels);
        var single = Math.Min(rows, 50_000);
        Console.WriteLine($"machine: {Environment.ProcessorCount} cores, load average {LoadAverage()}; binary models of {trees} trees, " +
                          $"up to {MLNetPeer.Leaves} leaves, trained on {TrainRows:N0} rows; scored: {rows:N0} rows × {SyntheticMatrix.Columns} " +
                          $"features (5% missing), single row over the first {single:N0}; one thread; median of {repetitions} repetitions after a warm-up");
        var singles = new List<string>();
        var batches = new List<string>();
        foreach (var trainer in trainers)
        {
            var settings = new TrainingSettings
            {
                Trainer = trainer, Task = TrainingTask.Binary, Rounds = trees, EarlyStoppingRounds = 0, Threads = 2, Seed = 0,
                Parameters = MLNetTrainRun.Parameters(trainer),
            };
            // Trainyard's trainer hands back ML.NET's own fitted model beside its export: both sides score the same trees.
            var (trained, model) = trainer switch
            {
                "fasttree" => await new FastTreeTrainer().TrainWithMLNetModelAsync(set, null, settings, null, CancellationToken.None),
                "lightgbm" => await new LightGbmTrainer().TrainWithMLNetModelAsync(set, null, settings, null, CancellationToken.None),
                _ => throw new ArgumentException($"score-mlnet: '{trainer}' is not fasttree or lightgbm"),
            };
            var scorer = XGBoostScorer.Load(trained.ModelJson.Span);
            var path = TreePaths.AverageSplits(trained.ModelJson.Span, features, SyntheticMatrix.Columns, Math.Min(rows, 10_000));
            var ml = new MLContext(seed: 0);
            var examples = Examples(features, labels);
            var view = ml.Data.LoadFromEnumerable(examples);

            var engine = ml.Model.CreatePredictionEngine<Example, Prediction>(model);
            var (ours, theirs) = (new float[rows], new float[rows]);
            var prediction = new Prediction();
            var scalarOutput = new float[rows];
            var scalar = Timing.Median(repetitions, single, r => scorer.Predict(features.AsSpan(r * SyntheticMatrix.Columns, SyntheticMatrix.Columns), scalarOutput.AsSpan(r, 1), TreeWalk.Scalar));
            var managed = Timing.Median(repetitions, single, r => scorer.Predict(features.AsSpan(r * SyntheticMatrix.Columns, SyntheticMatrix.Columns), ours.AsSpan(r, 1)));
            var identical = ours.AsSpan(0, single).SequenceEqual(scalarOutput.AsSpan(0, single));
            Console.WriteLine($"  {trainer} single row, managed walks: {(scorer.WalksVectors ? "vector (AVX-512, 16 trees)" : "scalar only")} {managed} | scalar 8-tree walk {scalar} | bit-identical {identical}");
            var reused = Timing.Median(repetitions, single, r => { engine.Predict(examples[r], ref prediction); theirs[r] = prediction.Probability; });
            var plain = Timing.Median(repetitions, single, r => theirs[r] = engine.Predict(examples[r]).Probability);
            var largest = Largest(ours.AsSpan(0, single), theirs.AsSpan(0, single));
            Console.WriteLine($"  {trainer}: {scorer.TreeCount} trees in the export, a row passes {path:F1} splits per tree on average");
            Console.WriteLine($"  {trainer} single row: managed {managed} | PredictionEngine.Predict(x, ref y) {reused} | Predict(x) {plain} | largest difference {largest:E2}");
            singles.Add(string.Create(CultureInfo.InvariantCulture,
                $"| {trainer} | {path:F1} | {managed.NsWall:F0} | {reused.NsWall:F0} | {plain.NsWall:F0} | {reused.NsWall / managed.NsWall:F1}× | {reused.NsCpu / managed.NsCpu:F1}× | " +
                $"{managed.Bytes:F0} | {reused.Bytes:F0} | {plain.Bytes:F0} | {largest:E1} |"));

            var batch = Timing.Median(repetitions, 1, _ => scorer.PredictBatch(features, ours)).PerRow(rows);
            var transform = Timing.Median(repetitions, 1, _ => ReadProbabilities(model.Transform(view), theirs)).PerRow(rows);
            largest = Largest(ours, theirs);
            Console.WriteLine($"  {trainer} batch of {rows:N0}: managed PredictBatch {batch} | model.Transform + Probability column {transform} | largest difference {largest:E2}");
            batches.Add(string.Create(CultureInfo.InvariantCulture,
                $"| {trainer} | {1e9 / batch.NsWall:N0} | {1e9 / transform.NsWall:N0} | {transform.NsWall / batch.NsWall:F1}× | {transform.NsCpu / batch.NsCpu:F1}× | {largest:E1} |"));
        }
        Console.WriteLine($"load average at the end: {LoadAverage()}");
        Console.WriteLine("\n| model | splits per tree | managed ns/row | PredictionEngine ref ns/row | PredictionEngine ns/row | speed-up (wall, vs ref) | speed-up (CPU, vs ref) | managed B/call | engine ref B/call | engine B/call | largest difference |");
        Console.WriteLine("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
        singles.ForEach(Console.WriteLine);
        Console.WriteLine("\n| model | managed PredictBatch rows/s | model.Transform rows/s | speed-up (wall) | speed-up (CPU) | largest difference |");
        Console.WriteLine("|---|---:|---:|---:|---:|---:|");
        batches.ForEach(Console.WriteLine);
        return 0;
    }

    /// <summary>ML.NET's input row: what a team declares for a model over a 20-wide feature vector.</summary>
    public sealed class Example
    {
        public bool Label { get; set; }

        [VectorType(SyntheticMatrix.Columns)]
        public float[] Features { get; set; } = [];
    }

    /// <summary>ML.NET's output row for a calibrated binary model.</summary>
    public sealed class Prediction
    {
        public bool PredictedLabel { get; set; }
        public float Score { get; set; }
        public float Probability { get; set; }
    }

    private static Example[] Examples(float[] features, float[] labels) =>
        [.. labels.Select((label, r) => new Example { Label = label > 0, Features = features.AsSpan(r * SyntheticMatrix.Columns, SyntheticMatrix.Columns).ToArray() })];

    /// <summary>What a team writes to score a batch: read the Probability column of the transformed view, row by row.</summary>
    private static void ReadProbabilities(IDataView scored, float[] output)
    {
        var column = scored.Schema["Probability"];
        using var cursor = scored.GetRowCursor([column]);
        var getter = cursor.GetGetter<float>(column);
        var value = 0f;
        for (var r = 0; cursor.MoveNext(); r++)
        {
            getter(ref value);
            output[r] = value;
        }
    }

    private static float Largest(ReadOnlySpan<float> a, ReadOnlySpan<float> b)
    {
        var largest = 0f;
        for (var i = 0; i < a.Length; i++) largest = MathF.Max(largest, MathF.Abs(a[i] - b[i]));
        return largest;
    }

    private static string LoadAverage() => string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3));

    /// <summary>Per call: wall and process-CPU nanoseconds and bytes this thread allocated.</summary>
    private sealed record Timing(double NsWall, double NsCpu, double Bytes)
    {
        /// <summary>After one warm-up pass, the median over <paramref name="repetitions"/> of <paramref name="calls"/> calls of <paramref name="call"/>(0..calls−1).</summary>
        public static Timing Median(int repetitions, int calls, Action<int> call)
        {
            for (var r = 0; r < calls; r++) call(r);
            var runs = new List<Timing>();
            for (var rep = 0; rep < repetitions; rep++)
            {
                var (bytes, cpu, start) = (GC.GetAllocatedBytesForCurrentThread(), ProcessCpu.Nanoseconds(), Stopwatch.GetTimestamp());
                for (var r = 0; r < calls; r++) call(r);
                var wall = Stopwatch.GetElapsedTime(start).TotalNanoseconds;
                runs.Add(new Timing(wall / calls, (ProcessCpu.Nanoseconds() - cpu) / (double)calls, (GC.GetAllocatedBytesForCurrentThread() - bytes) / (double)calls));
            }
            return new Timing(Statistics.Median(runs.Select(t => t.NsWall)), Statistics.Median(runs.Select(t => t.NsCpu)), Statistics.Median(runs.Select(t => t.Bytes)));
        }

        public Timing PerRow(int rows) => new(NsWall / rows, NsCpu / rows, Bytes / rows);

        public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{NsWall:F0} ns/row ({NsCpu:F0} CPU), {Bytes:F0} B");
    }
}
