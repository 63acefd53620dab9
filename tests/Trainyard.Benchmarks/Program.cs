using Trainyard.Benchmarks;

// Usage:
//   Trainyard.Benchmarks [--reps 5] [--rows 1000000] [--workers N]   compare with pandas at rows and 2 × rows
//   Trainyard.Benchmarks scan <file.csv> [workers] [--no-duplicates]  (child process) one Trainyard scan
if (args.Length > 0 && args[0] == "scan")
    return await ScanCommand.RunAsync(args[1], args.Length > 2 && args[2] != "--no-duplicates" ? int.Parse(args[2]) : null,
        detectDuplicates: !args.Contains("--no-duplicates"));

var repetitions = Option("--reps", 5);
var rows = Option("--rows", 1_000_000);
int? workers = args.Contains("--workers") ? Option("--workers", Environment.ProcessorCount) : null;
return await Comparison.RunAsync(rows, repetitions, workers);

int Option(string name, int fallback)
{
    var index = Array.IndexOf(args, name);
    return index >= 0 && index + 1 < args.Length ? int.Parse(args[index + 1]) : fallback;
}
