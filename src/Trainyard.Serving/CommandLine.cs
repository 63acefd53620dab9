using System.Globalization;
using Trainyard.Runtime.Hosting;

namespace Trainyard.Serving;

/// <summary>
/// The server's arguments (<see cref="ProcessArguments"/>: none, <c>--probe [url]</c>, without a URL this server's own
/// /readyz, or <c>--help</c>) and its usage text.
/// </summary>
internal static class CommandLine
{
    public static ProcessArguments Arguments { get; } = new("trainyard-serving", "the server", Usage, "http://127.0.0.1:8080/readyz",
        " (none: this server's /readyz)", DefaultProbeUrl);

    /// <summary>
    /// <c>--probe</c> without a URL: this server's /readyz on loopback, at the port it listens on — the first http
    /// address of TRAINYARD_URLS, else ASPNETCORE_URLS (the server's own precedence), else 8080. So an image's
    /// HEALTHCHECK follows <c>docker run -e ASPNETCORE_URLS=http://+:8081</c> without being rewritten.
    /// </summary>
    public static string DefaultProbeUrl(Func<string, string?> variable)
    {
        var urls = variable("TRAINYARD_URLS") is { Length: > 0 } own && own.Trim().Length > 0 ? own : variable("ASPNETCORE_URLS") ?? "";
        var addresses = urls.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var address = addresses.FirstOrDefault(a => a.StartsWith("http://", StringComparison.OrdinalIgnoreCase)) ?? addresses.FirstOrDefault();
        if (address is null) return "http://127.0.0.1:8080/readyz";
        var https = address.StartsWith("https://", StringComparison.OrdinalIgnoreCase);
        return $"{(https ? "https" : "http")}://127.0.0.1:{PortOf(address) ?? (https ? 443 : 80)}/readyz";
    }

    /// <summary>
    /// The port of a Kestrel address (<c>http://+:8081</c>, <c>http://[::]:8081/</c>, <c>http://localhost</c>): Uri
    /// cannot read the wildcard hosts, so by hand: the digits after the host's last colon, outside brackets.
    /// </summary>
    static int? PortOf(string address)
    {
        var scheme = address.IndexOf("://", StringComparison.Ordinal);
        var authority = address[(scheme < 0 ? 0 : scheme + 3)..];
        if (authority.IndexOf('/') is var slash and >= 0) authority = authority[..slash];
        var colon = authority.LastIndexOf(':');
        if (colon < 0 || colon < authority.LastIndexOf(']')) return null;
        return int.TryParse(authority[(colon + 1)..], NumberStyles.None, CultureInfo.InvariantCulture, out var port) && port is > 0 and < 65536 ? port : null;
    }

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
