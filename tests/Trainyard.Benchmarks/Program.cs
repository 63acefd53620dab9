using Trainyard.Benchmarks;

// Usage:
//   Trainyard.Benchmarks [--reps 5] [--rows 1000000]   compare with pandas at rows and 2 × rows
//   Trainyard.Benchmarks scan <file.csv> [--no-duplicates]  (child process) one ValidateData run on the file
//   Trainyard.Benchmarks train [--reps 5] [--rows 1000000] [--threads 2] [--rounds 100]   compare with Python xgboost
//   Trainyard.Benchmarks train-run <file> <rows> <columns> <threads> <rounds>  (child process) one load + train
//   Trainyard.Benchmarks score [--rows 100000] [--trees 200] [--reps 5]  managed scorer vs libxgboost's predict
if (args.Length > 0 && args[0] == "scan")
    return await ScanCommand.RunAsync(args[1], detectDuplicates: !args.Contains("--no-duplicates"));
if (args.Length > 0 && args[0] == "train")
    return await TrainCommand.CompareAsync(Option("--rows", 1_000_000), Option("--reps", 5), Option("--threads", 2), Option("--rounds", 100));
if (args.Length > 0 && args[0] == "train-run")
    return await TrainCommand.RunOnceAsync(args[1], int.Parse(args[2]), int.Parse(args[3]), int.Parse(args[4]), int.Parse(args[5]));

if (args.Length > 0 && args[0] == "score") return await ScoreCommand.RunAsync(Option("--rows", 100_000), Option("--trees", 200), Option("--reps", 5));
//   Trainyard.Benchmarks scan <file.csv> [--no-duplicates] [--dump <prefix>]  (child process) one ValidateData run
//     on the file; --dump writes its profile and validation JSON for byte-for-byte comparison across changes
if (args.Length > 0 && args[0] == "scan")
    return await ScanCommand.RunAsync(args[1], detectDuplicates: !args.Contains("--no-duplicates"),
        dumpPrefix: Array.IndexOf(args, "--dump") is var d and >= 0 && d + 1 < args.Length ? args[d + 1] : null);

var repetitions = Option("--reps", 5);
var rows = Option("--rows", 1_000_000);
return await Comparison.RunAsync(rows, repetitions);

int Option(string name, int fallback)
{
    var index = Array.IndexOf(args, name);
    return index >= 0 && index + 1 < args.Length ? int.Parse(args[index + 1]) : fallback;
}
