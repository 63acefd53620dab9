using Trainyard.Runtime.Hosting;

namespace Trainyard.Gateway;

/// <summary>
/// The gateway's arguments (<see cref="ProcessArguments"/>: none, <c>--probe [url]</c>, without a URL this gateway's
/// /healthz, or <c>--help</c>) and its usage text.
/// </summary>
internal static class CommandLine
{
    public static ProcessArguments Arguments { get; } = new("trainyard-gateway", "the gateway", Usage, "http://127.0.0.1:8080/healthz", "", DefaultProbeUrl);

    /// <summary>
    /// The URL <c>--probe</c> asks when given none: /healthz on loopback at the public listener's first port, so a
    /// container started on another port (TRAINYARD_GATEWAY_URLS) stays healthy with the image's one HEALTHCHECK.
    /// </summary>
    public static string DefaultProbeUrl(Func<string, string?> variable)
    {
        var urls = variable("TRAINYARD_GATEWAY_URLS") is { Length: > 0 } value ? value : "http://0.0.0.0:8080";
        var first = urls.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).FirstOrDefault() ?? "";
        var parsable = first.Replace("://*", "://wildcard").Replace("://+", "://wildcard");
        return Uri.TryCreate(parsable, UriKind.Absolute, out var uri)
            ? $"{uri.Scheme}://127.0.0.1:{uri.Port}/healthz"
            : "http://127.0.0.1:8080/healthz";
    }

    public const string Usage = """
        Usage: Trainyard.Gateway                 route requests to the stable and canary model servers
               Trainyard.Gateway --probe [url]   GET url (default: /healthz on this gateway's port); exit 0 on 2xx
               Trainyard.Gateway --help          this text

        Environment (docs/deploy.md):
          TRAINYARD_GATEWAY_URLS         the public listener (default http://0.0.0.0:8080)
          TRAINYARD_GATEWAY_ADMIN_URLS   the admin API's listener (default http://127.0.0.1:9080, loopback only)
          TRAINYARD_GATEWAY_TOKEN        the admin API's bearer token; unset = no admin API
          TRAINYARD_GATEWAY_SEED         seed of the per-request weighted choice (default random)
          TRAINYARD_GATEWAY_STATE_FILE   routing state kept there across restarts (default none)
          TRAINYARD_GATEWAY_FORWARDER    lean (default): POST /v1/predict by the gateway's own HTTP/1.1 path, the rest by YARP;
                                         yarp: everything by YARP
          TRAINYARD_GATEWAY_INLINE_IO    on (default) | off: handle requests on the sockets' event threads
          TRAINYARD_PROBE_TIMEOUT_SECONDS --probe's timeout (default 3)

        Exit codes: 0 stopped cleanly (or probe passed), 1 could not start (or probe failed), 2 bad arguments or settings.
        """;
}
