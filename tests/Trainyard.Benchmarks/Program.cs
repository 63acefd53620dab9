using System.Globalization;
using System.Net;
using Trainyard.Benchmarks;

const string Usage = """
    Usage:
      Trainyard.Benchmarks [--reps 5] [--rows 1000000]   ValidateData vs pandas at rows and 2 × rows
      Trainyard.Benchmarks train [--reps 5] [--rows 1000000] [--threads 2] [--rounds 100] [--background 0]   Train vs Python xgboost (N spinning threads during each run)
      Trainyard.Benchmarks train-mlnet [--reps 3] [--rows 1000000] [--test-rows rows/10] [--threads 2] [--rounds 100]
                                       [--trainers xgboost,fasttree,lightgbm]
        Trainyard's Train (CSV + featurize + train) with each trainer vs ML.NET end to end (TextLoader + Concatenate +
        FastTree/LightGBM) on the same CSV: train seconds, CPU seconds, peak MB and test AUC, medians
      Trainyard.Benchmarks score-mlnet [--rows 100000] [--trees 100] [--reps 5] [--trainers fasttree,lightgbm]
        the managed scorer on the exported ML.NET model vs ML.NET's PredictionEngine (single row: ns and bytes
        allocated per call) and model.Transform (batch)
      Trainyard.Benchmarks score [--rows 100000] [--trees 200] [--reps 5]  managed scorer vs libxgboost's predict
      Trainyard.Benchmarks parse [--rows 100000] [--passes 5]  number parsing alone on the synthetic file's numeric fields:
        the scanner's parser vs Utf8Parser, double.TryParse and csFastFloat (ns per field, bits compared)
      Trainyard.Benchmarks numbers <file.csv> [--megabytes 40] [--passes 7]  the scan's numeric batches alone on one
        thread over the file's first megabytes in memory, and the field hash and parse alone (thread CPU, best pass)
      Trainyard.Benchmarks dataframe [--rows 1000000] [--reps 5]  ValidateData vs DataFrame.LoadCsv + Description()
      Trainyard.Benchmarks serve [--model .trainyard/registry/credit-risk] [--reference v1] [--reps 5] [--seconds 10]
                                 [--load 0.7] [--nice 0] [--inline-io auto] [--client-wait busy] [--shared-only]
        Trainyard.Serving vs FastAPI + uvicorn + xgboost and vs the bare endpoint (Kestrel parsing the same body and
        answering a constant prediction; tests/Trainyard.Benchmarks.Bare) (run ./build.sh Package first; needs wrk and
        2 cores): wrk throughput and service CPU per request with all cores shared (--shared-only: that alone), then each service on core 0 and the load on core 1: wrk saturation and
        open-loop p50/p99 at --load × that saturation; --nice runs services and load generators alike at that
        nice value (e.g. -10, as root, to put them ahead of other work on a shared machine); --inline-io sets
        Trainyard.Serving's TRAINYARD_INLINE_IO (auto: on socket threads when pinned to one core, thread pool shared);
        --client-wait: the open-loop client polls its sockets without pause (busy, keeping its core, as a remote
        client would) or sleeps between events (sleep; then the server's answers must wake it, on the server's core)
      Trainyard.Benchmarks gateway [--model .trainyard/registry/credit-risk] [--reference v1] [--reps 3] [--seconds 10] [--load 0.7]
        the canary gateway's overhead: single-row predictions straight to Trainyard.Serving, through Trainyard.Gateway
        and through a gateway forwarding everything by YARP, side by side (needs wrk and 2 cores): throughput ratio
        with shared cores and with the gateway on a core of its own (wrk), CPU per request, and the p99 the gateway
        adds in the open loop at --load × its saturation (server and gateway on core 0, load on core 1)
      Trainyard.Benchmarks builds [--model .trainyard/registry/credit-risk] [--reference v1] [--starts 7] [--reps 5] [--seconds 10] [--load 0.7]
        the model server as Containerize publishes it, --serving-build aot against jit, alternating (needs Debian's docker.io,
        root, clang, wrk and 2 cores): on a private dockerd with the tests' base image, image size and from the engine's
        start call to /readyz 200 (--starts times each; also the bare process); then the published servers with the serve
        harness: wrk shared, and pinned saturation with the open-loop p50/p99 at --load × it (--reps 0: start-up only)
      Trainyard.Benchmarks deploy [--reps 3] [--rate 150] [--interval 5s] [--min-requests 50]
        the whole deploy of the credit-risk sample: on a private dockerd (needs Debian's docker.io and root, nothing
        pulled) with the tests' local base image, v1 deployed and v2 (split seed 7) containerized in a temp copy; then
        per run, under --rate req/s of single-row predictions through the gateway, ./build.sh CanaryDeploy (v2 to
        promoted, Containerize up to date but for its image build and smoke test) and ./build.sh Rollback (to v1), wall
        time each, and the build's per-target durations; the engine and the copy are removed at the end (also on Ctrl-C)
      Trainyard.Benchmarks monitor [--model .trainyard/registry/credit-risk] [--reference v1] [--lines 1000000] [--reps 5]
        Monitor vs pandas + scipy (python/monitor_pandas.py) on a generated prediction log of --lines / 10 and --lines
        single-row requests (data/credit_data.csv's rows, 30% shifted, scored by the package; run ./build.sh Package
        first), from the repository root; cached in $TMPDIR/trainyard-bench/monitor/
    Child processes the comparisons start:
      Trainyard.Benchmarks scan <file.csv> [--no-duplicates] [--dump <prefix>] [--warmups N]  one ValidateData run on the file;
        --dump writes its profile and validation JSON for byte-for-byte comparison across changes; --warmups runs it
        N times first in the same process (each printed), so the last run shows the scan without start-up costs
      Trainyard.Benchmarks duckdb-run <file.csv> [--threads 2]  one DuckDB SUMMARIZE SELECT * FROM read_csv_auto(file)
      Trainyard.Benchmarks train-run <file> <rows> <columns> <threads> <rounds>  one load + train
      Trainyard.Benchmarks train-mlnet-run <trainyard-|mlnet-><trainer> <train.csv> <test.csv> <threads> <rounds>
        one side of train-mlnet: load + featurize + train, then the test AUC
      Trainyard.Benchmarks monitor-run <log folder> <registry folder> <spec.yml> <from> <to>  one Monitor run (production = v1)
      Trainyard.Benchmarks dataframe-run <file.csv>  one DataFrame.LoadCsv + Description() on the file
      Trainyard.Benchmarks serve-load <port> <rate> <connections> <seconds> <body.json> [busy|sleep]  one open-loop run
        (after 1 s of warm-up at the same rate) of single-row POSTs to 127.0.0.1:<port>/v1/predict, the client busy
        polling (default) or sleeping between events; prints one name=value line;
        with TRAINYARD_LOAD_TIMELINE=<file.csv> also each request's due time, latency and send lag (ms), one per line
    """;

if (args.Contains("--help") || args.Contains("-h"))
{
    Console.WriteLine(Usage);
    return 0;
}
if (args.Length > 0 && args[0] == "scan")
    return await ScanCommand.RunAsync(args[1], detectDuplicates: !args.Contains("--no-duplicates"),
        dumpPrefix: Array.IndexOf(args, "--dump") is var d and >= 0 && d + 1 < args.Length ? args[d + 1] : null,
        warmups: Option("--warmups", 0));
if (args.Length > 0 && args[0] == "parse")
    return ParseCommand.Run(Option("--rows", 100_000), Option("--passes", 5));
if (args.Length > 0 && args[0] == "numbers")
    return NumbersCommand.Run(args[1], Option("--megabytes", 40), Option("--passes", 7));
if (args.Length > 0 && args[0] == "duckdb-run")
    return DuckDbCommand.RunOnce(args[1], Option("--threads", 2));
if (args.Length > 0 && args[0] == "train")
    return await TrainCommand.CompareAsync(Option("--rows", 1_000_000), Option("--reps", 5), Option("--threads", 2), Option("--rounds", 100), Option("--background", 0));
if (args.Length > 0 && args[0] == "train-run")
    return await TrainCommand.RunOnceAsync(args[1], int.Parse(args[2]), int.Parse(args[3]), int.Parse(args[4]), int.Parse(args[5]));
if (args.Length > 0 && args[0] == "train-mlnet")
{
    var rows = Option("--rows", 1_000_000);
    return await MLNetTrainCommand.CompareAsync(rows, Option("--test-rows", Math.Max(1_000, rows / 10)), Option("--reps", 3), Option("--threads", 2),
        Option("--rounds", 100), Text("--trainers", "xgboost,fasttree,lightgbm").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
}
if (args.Length > 0 && args[0] == "train-mlnet-run")
    return await MLNetTrainRun.RunAsync(args[1], args[2], args[3], int.Parse(args[4]), int.Parse(args[5]));
if (args.Length > 0 && args[0] == "score-mlnet")
    return await MLNetScoreCommand.RunAsync(Option("--rows", 100_000), Option("--trees", 100), Option("--reps", 5),
        Text("--trainers", "fasttree,lightgbm").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
if (args.Length > 0 && args[0] == "dataframe")
    return await DataFrameCommand.CompareAsync(Option("--rows", 1_000_000), Option("--reps", 5));
if (args.Length > 0 && args[0] == "dataframe-run")
    return DataFrameCommand.RunOnce(args[1]);
if (args.Length > 0 && args[0] == "score")
    return await ScoreCommand.RunAsync(Option("--rows", 100_000), Option("--trees", 200), Option("--reps", 5));
if (args.Length > 0 && args[0] == "serve-load")
{
    var port = int.Parse(args[1]);
    if (args.Length > 6 && args[6] is not ("busy" or "sleep"))
    {
        Console.Error.WriteLine($"serve-load: '{args[6]}' is not busy or sleep");
        return 2;
    }
    var run = OpenLoop.Run(new IPEndPoint(IPAddress.Loopback, port), OpenLoop.PostRequest(port, "/v1/predict", File.ReadAllText(args[5])),
        rate: int.Parse(args[2]), connections: int.Parse(args[3]), seconds: int.Parse(args[4]), warmupSeconds: 1,
        args.Length > 6 && args[6] == "sleep" ? OpenLoop.ClientWait.Sleep : OpenLoop.ClientWait.Busy);
    Console.WriteLine(run.ToLine());
    return 0;
}
if (args.Length > 0 && args[0] == "serve")
    return await ServeCommand.RunAsync(Path.GetFullPath(Text("--model", ".trainyard/registry/credit-risk")), Text("--reference", "v1"),
        Option("--reps", 5), Option("--seconds", 10), double.Parse(Text("--load", "0.7"), CultureInfo.InvariantCulture), Option("--nice", 0),
        Text("--inline-io", "auto"), Text("--client-wait", "busy"), args.Contains("--shared-only"));

if (args.Length > 0 && args[0] == "gateway")
    return await GatewayCommand.RunAsync(Path.GetFullPath(Text("--model", ".trainyard/registry/credit-risk")), Text("--reference", "v1"),
        Option("--reps", 3), Option("--seconds", 10), double.Parse(Text("--load", "0.7"), CultureInfo.InvariantCulture));

if (args.Length > 0 && args[0] == "monitor")
    return await MonitorCommand.CompareAsync(Path.GetFullPath(Text("--model", ".trainyard/registry/credit-risk")), Text("--reference", "v1"),
        Path.GetFullPath("pipelines/credit-risk.yml"), Path.GetFullPath("data/credit_data.csv"), Option("--lines", 1_000_000), Option("--reps", 5));
if (args.Length > 0 && args[0] == "monitor-run")
    return await MonitorCommand.RunOnceAsync(args[1], args[2], args[3], args[4], args[5]);

if (args.Length > 0 && args[0] == "builds")
    return await BuildsCommand.RunAsync(Path.GetFullPath(Text("--model", ".trainyard/registry/credit-risk")), Text("--reference", "v1"),
        Option("--starts", 7), Option("--reps", 5), Option("--seconds", 10), double.Parse(Text("--load", "0.7"), CultureInfo.InvariantCulture));

if (args.Length > 0 && args[0] == "deploy")
    return await DeployCommand.RunAsync(Option("--reps", 3), Option("--rate", 150), Text("--interval", "5s"), Option("--min-requests", 50));

return await Comparison.RunAsync(Option("--rows", 1_000_000), Option("--reps", 5));

int Option(string name, int fallback)
{
    var index = Array.IndexOf(args, name);
    return index >= 0 && index + 1 < args.Length ? int.Parse(args[index + 1]) : fallback;
}

string Text(string name, string fallback)
{
    var index = Array.IndexOf(args, name);
    return index >= 0 && index + 1 < args.Length ? args[index + 1] : fallback;
}
