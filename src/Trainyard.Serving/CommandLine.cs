namespace Trainyard.Serving;

/// <summary>
/// The server's few arguments: none (serve, configured by environment variables), <c>--probe [url]</c> (the
/// health check; without a URL, this server's own /readyz) or <c>--help</c>. Anything else is refused with exit code 2, so a typo never starts a server that
/// ignores what was asked.
/// </summary>
internal sealed record CommandLine(CommandLine.Mode Action, string? ProbeUrl = null, string? Problem = null)
{
    public enum Mode { Serve, Probe, Help, Invalid }

    public static CommandLine Parse(IReadOnlyList<string> args) => args switch
    {
        [] => new(Mode.Serve),
        ["--help" or "-h"] => new(Mode.Help),
        ["--probe"] => new(Mode.Probe),
        ["--probe", var url] when !url.StartsWith('-') => new(Mode.Probe, url),
        ["--probe", ..] => new(Mode.Invalid, Problem: "--probe takes at most one URL, e.g. --probe http://127.0.0.1:8080/readyz (none: this server's /readyz)"),
        _ => new(Mode.Invalid, Problem: $"unknown arguments '{string.Join(' ', args)}'; the server is configured by environment variables (see --help)"),
    };

    public const string Usage = """
        Usage: Trainyard.Serving               serve the model package the environment names
               Trainyard.Serving --probe [url] GET <url>; exit 0 on 2xx, 1 otherwise (the image's HEALTHCHECK);
                                               no URL: http://127.0.0.1:<port of TRAINYARD_URLS or
                                               ASPNETCORE_URLS>/readyz
               Trainyard.Serving --help        this text

        Environment (docs/serving.md):
          TRAINYARD_MODEL                      a registry reference: host[:port]/repository:tag or …@sha256:…,
                                               optionally http:// or https:// first (loopback defaults to http)
          TRAINYARD_REGISTRY_USERNAME, TRAINYARD_REGISTRY_PASSWORD, TRAINYARD_REGISTRY_TOKEN
                                               credentials for that registry (basic, or traded for a bearer token)
          TRAINYARD_MODEL_PATH                 or: an OCI image layout folder holding the package
          TRAINYARD_MODEL_REFERENCE            a tag or sha256: digest in that folder (default production)
          TRAINYARD_URLS                       where to listen (default http://0.0.0.0:8080)
          TRAINYARD_MAX_REQUEST_BYTES          request body limit (default 1 MiB)
          TRAINYARD_UNSEEN_CATEGORIES          accept | reject (default accept)
          TRAINYARD_PREDICTION_LOG             prediction log file (JSON lines; default none)
          TRAINYARD_PREDICTION_LOG_MAX_BYTES, TRAINYARD_PREDICTION_LOG_FILES, TRAINYARD_PREDICTION_LOG_QUEUE
          TRAINYARD_DRIFT_WINDOW               values per feature that drift is measured over (default 1000)
          TRAINYARD_INLINE_IO                  auto | on | off: handle requests on the socket threads, skipping
                                               the thread pool (default auto: on when the process has one CPU)
          TRAINYARD_PROBE_TIMEOUT_SECONDS      --probe's timeout (default 3)
          TRAINYARD_FAULT_ERROR_RATE           testing rollouts only: this share (0-1) of /v1/predict answered 500
          TRAINYARD_FAULT_DELAY_MS             testing rollouts only: a wait before each /v1/predict answer

        Exit codes: 0 stopped cleanly (or probe passed), 1 the model could not be loaded (or probe failed),
                    2 bad arguments or settings.
        """;
}
