using System.Globalization;
using Trainyard.Runtime.Hosting;
using Trainyard.Runtime.Registry;

namespace Trainyard.Serving;

/// <summary>
/// The server's settings, from environment variables (docs/serving.md). Checked before anything starts: a bad value
/// stops the process with a message naming the variable and what to set, never a stack trace.
/// </summary>
internal sealed record ServingOptions
{
    /// <summary>The OCI image layout folder to load from; null when <see cref="RemoteModel"/> names a registry instead.</summary>
    public string? ModelPath { get; init; }
    /// <summary>A tag or <c>sha256:</c> digest in the layout; <c>production</c> unless set (what Promote marks as served).</summary>
    public string ModelReference { get; init; } = "production";
    /// <summary>TRAINYARD_MODEL: the package in a remote registry, pulled at start.</summary>
    public RegistryReference? RemoteModel { get; init; }
    public RegistryLogin Login { get; init; } = new(null, null, null);
    public string Urls { get; init; } = "http://0.0.0.0:8080";
    public long MaxRequestBytes { get; init; } = 1024 * 1024;
    public bool RejectUnseenCategories { get; init; }
    public string? PredictionLogPath { get; init; }
    public long PredictionLogMaxBytes { get; init; } = 64L * 1024 * 1024;
    public int PredictionLogFiles { get; init; } = 5;
    public int PredictionLogQueue { get; init; } = 10_000;
    public int DriftWindow { get; init; } = 1_000;
    /// <summary>
    /// TRAINYARD_INLINE_IO: handle each request on the socket's event thread instead of handing it to the thread pool.
    /// <c>auto</c> (the default) does so when the process has one CPU, where the hand-over costs two thread switches
    /// per request and buys no parallelism (docs/serving.md, "Threads").
    /// </summary>
    public bool InlineIo { get; init; }
    /// <summary>TRAINYARD_FAULT_ERROR_RATE: the share of /v1/predict answered 500 on purpose, for testing rollouts only (0: none).</summary>
    public double FaultErrorRate { get; init; }
    /// <summary>TRAINYARD_FAULT_DELAY_MS: a wait before each /v1/predict answer, for testing rollouts only (zero: none).</summary>
    public TimeSpan FaultDelay { get; init; }
    public bool FaultsInjected => FaultErrorRate > 0 || FaultDelay > TimeSpan.Zero;

    /// <summary>The options, or every problem found (all at once, so one restart fixes them).</summary>
    /// <param name="processorCount">The CPUs the process may use (<see cref="Environment.ProcessorCount"/>, which follows a container's CPU limit).</param>
    public static (ServingOptions? Options, IReadOnlyList<string> Problems) Read(Func<string, string?> variable, int processorCount)
    {
        var settings = new EnvironmentSettings(variable);

        var path = settings.Text("TRAINYARD_MODEL_PATH");
        var remoteText = settings.Text("TRAINYARD_MODEL");
        RegistryReference? remote = null;
        if (remoteText is not null)
        {
            remote = RegistryReference.Parse(remoteText, out var problem);
            if (problem is not null) settings.Problem($"TRAINYARD_MODEL='{remoteText}' {problem}");
            if (settings.Text("TRAINYARD_MODEL_REFERENCE") is not null)
                settings.Problem("TRAINYARD_MODEL_REFERENCE goes with TRAINYARD_MODEL_PATH; with TRAINYARD_MODEL put the tag or digest in the reference (…/credit-risk:v3)");
            if (path is not null)
                settings.Problem("TRAINYARD_MODEL and TRAINYARD_MODEL_PATH are both set: set one — a registry reference or a layout folder");
        }
        else if (path is null)
            settings.Problem("neither TRAINYARD_MODEL nor TRAINYARD_MODEL_PATH is set: set TRAINYARD_MODEL to a registry reference (localhost:5000/models/credit-risk:production) or TRAINYARD_MODEL_PATH to the OCI image layout folder that holds the model package (e.g. .trainyard/registry/credit-risk)");
        else if (!Directory.Exists(path))
            settings.Problem($"TRAINYARD_MODEL_PATH={path}: no such folder; set it to the OCI image layout folder that holds the model package");
        else if (!File.Exists(Path.Combine(path, "oci-layout")))
            settings.Problem($"TRAINYARD_MODEL_PATH={path}: the folder has no oci-layout file, so it is not an OCI image layout; point it at a registry folder or a package exported with ExportAsync");
        var login = new RegistryLogin(settings.Text("TRAINYARD_REGISTRY_USERNAME"), settings.Secret("TRAINYARD_REGISTRY_PASSWORD"), settings.Text("TRAINYARD_REGISTRY_TOKEN"));
        if (login.Username is not null != login.Password is not null)
            settings.Problem("TRAINYARD_REGISTRY_USERNAME and TRAINYARD_REGISTRY_PASSWORD go together: set both, or neither (or TRAINYARD_REGISTRY_TOKEN)");

        var unseen = settings.Text("TRAINYARD_UNSEEN_CATEGORIES") ?? "accept";
        if (unseen is not ("accept" or "reject"))
            settings.Problem($"TRAINYARD_UNSEEN_CATEGORIES='{unseen}' is not 'accept' or 'reject'");

        var inlineIo = settings.Text("TRAINYARD_INLINE_IO") ?? "auto";
        if (inlineIo is not ("auto" or "on" or "off"))
            settings.Problem($"TRAINYARD_INLINE_IO='{inlineIo}' is not 'auto', 'on' or 'off'");

        var faultRate = 0.0;
        if (settings.Text("TRAINYARD_FAULT_ERROR_RATE") is { } rateText
            && (!double.TryParse(rateText, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out faultRate) || faultRate > 1))
            settings.Problem($"TRAINYARD_FAULT_ERROR_RATE='{rateText}' is not a share from 0 to 1 (0.05: one /v1/predict in twenty answered 500)");

        var options = new ServingOptions
        {
            ModelPath = remote is null ? path : null,
            RemoteModel = remote,
            Login = login,
            ModelReference = settings.Text("TRAINYARD_MODEL_REFERENCE") ?? "production",
            Urls = settings.Text("TRAINYARD_URLS") ?? settings.Text("ASPNETCORE_URLS") ?? "http://0.0.0.0:8080",
            MaxRequestBytes = settings.Number("TRAINYARD_MAX_REQUEST_BYTES", 1024 * 1024, 1024, 1L << 30),
            RejectUnseenCategories = unseen == "reject",
            PredictionLogPath = settings.Text("TRAINYARD_PREDICTION_LOG"),
            PredictionLogMaxBytes = settings.Number("TRAINYARD_PREDICTION_LOG_MAX_BYTES", 64L * 1024 * 1024, 4096, 1L << 40),
            PredictionLogFiles = (int)settings.Number("TRAINYARD_PREDICTION_LOG_FILES", 5, 1, 1000),
            PredictionLogQueue = (int)settings.Number("TRAINYARD_PREDICTION_LOG_QUEUE", 10_000, 1, 10_000_000),
            DriftWindow = (int)settings.Number("TRAINYARD_DRIFT_WINDOW", 1_000, 10, 1_000_000),
            InlineIo = inlineIo == "on" || (inlineIo == "auto" && processorCount == 1),
            FaultErrorRate = faultRate is >= 0 and <= 1 ? faultRate : 0,
            FaultDelay = TimeSpan.FromMilliseconds(settings.Number("TRAINYARD_FAULT_DELAY_MS", 0, 0, 600_000)),
        };
        settings.RequireFolderOf("TRAINYARD_PREDICTION_LOG", options.PredictionLogPath);
        return settings.Problems.Count == 0 ? (options, []) : (null, settings.Problems);
    }
}
