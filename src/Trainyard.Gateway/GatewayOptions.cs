using System.Globalization;
using System.Net;
using Trainyard.Runtime.Hosting;

namespace Trainyard.Gateway;

/// <summary>
/// The gateway's settings, from environment variables (docs/deploy.md). Checked before anything starts: every problem
/// is listed at once, naming the variable and what to set, and the process exits 2.
/// </summary>
internal sealed record GatewayOptions
{
    public const string TokenVariable = "TRAINYARD_GATEWAY_TOKEN";

    public string Urls { get; init; } = "http://0.0.0.0:8080";
    /// <summary>Loopback by default: the admin API moves all traffic, so only this host reaches it unless asked otherwise.</summary>
    public string AdminUrls { get; init; } = "http://127.0.0.1:9080";
    /// <summary>The admin API's bearer token; null turns the admin API (and its listener) off.</summary>
    public string? Token { get; init; }
    public int? Seed { get; init; }
    public string? StateFile { get; init; }
    /// <summary>Predictions by the gateway's own HTTP/1.1 path (<see cref="PredictForwarder"/>); false: everything by YARP.</summary>
    public bool LeanPredictions { get; init; } = true;
    /// <summary>Requests handled on the sockets' event threads rather than handed to the thread pool (fewer thread switches per request).</summary>
    public bool InlineIo { get; init; } = true;

    public static (GatewayOptions? Options, IReadOnlyList<string> Problems) Read(Func<string, string?> variable)
    {
        var settings = new EnvironmentSettings(variable);

        var urls = settings.Text("TRAINYARD_GATEWAY_URLS") ?? "http://0.0.0.0:8080";
        var adminUrls = settings.Text("TRAINYARD_GATEWAY_ADMIN_URLS") ?? "http://127.0.0.1:9080";
        var publicPorts = Ports("TRAINYARD_GATEWAY_URLS", urls, settings);
        var adminPorts = Ports("TRAINYARD_GATEWAY_ADMIN_URLS", adminUrls, settings);

        // The token is a secret: a value with spaces around it is taken as it is, and never echoed in a message.
        var token = settings.Secret(TokenVariable);
        if (token is not null && token.Any(char.IsWhiteSpace))
            settings.Problem($"{TokenVariable} contains white space; a bearer token is one word (e.g. 32 random hex characters)");
        if (token is not null && publicPorts.Intersect(adminPorts).Any())
            settings.Problem($"TRAINYARD_GATEWAY_URLS and TRAINYARD_GATEWAY_ADMIN_URLS share port {publicPorts.Intersect(adminPorts).First()}: the admin API needs a listener of its own");

        int? seed = null;
        if (settings.Text("TRAINYARD_GATEWAY_SEED") is { } seedText)
        {
            if (int.TryParse(seedText, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value)) seed = value;
            else settings.Problem($"TRAINYARD_GATEWAY_SEED='{seedText}' is not a whole number (the seed of the weighted choice; unset for a random one)");
        }

        var stateFile = settings.Text("TRAINYARD_GATEWAY_STATE_FILE");
        settings.RequireFolderOf("TRAINYARD_GATEWAY_STATE_FILE", stateFile);

        var forwarder = settings.Text("TRAINYARD_GATEWAY_FORWARDER") ?? "lean";
        if (forwarder is not ("lean" or "yarp"))
            settings.Problem($"TRAINYARD_GATEWAY_FORWARDER='{forwarder}' is not 'lean' (predictions by the gateway's own HTTP/1.1 path, the rest by YARP) or 'yarp' (everything by YARP)");
        var inlineIo = settings.Text("TRAINYARD_GATEWAY_INLINE_IO") ?? "on";
        if (inlineIo is not ("on" or "off"))
            settings.Problem($"TRAINYARD_GATEWAY_INLINE_IO='{inlineIo}' is not 'on' or 'off'");

        var options = new GatewayOptions
        {
            Urls = urls, AdminUrls = adminUrls, Token = token, Seed = seed, StateFile = stateFile,
            LeanPredictions = forwarder == "lean", InlineIo = inlineIo == "on",
        };
        return settings.Problems.Count == 0 ? (options, []) : (null, settings.Problems);
    }

    /// <summary>Whether every admin listener is on a loopback address (a warning at start otherwise).</summary>
    public bool AdminOnLoopback => AdminUrls.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
        .All(url => Uri.TryCreate(url, UriKind.Absolute, out var uri)
            && (uri.IsLoopback || (IPAddress.TryParse(uri.Host.Trim('[', ']'), out var address) && IPAddress.IsLoopback(address))));

    static IReadOnlyList<int> Ports(string name, string urls, EnvironmentSettings settings)
    {
        var ports = new List<int>();
        foreach (var url in urls.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            // Kestrel's wildcard hosts (http://*:8080, http://+:8080) are not URIs; a stand-in host makes them parse.
            var parsable = url.Replace("://*", "://wildcard").Replace("://+", "://wildcard");
            if (Uri.TryCreate(parsable, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https" && uri.AbsolutePath == "/")
                ports.Add(uri.Port);
            else
                settings.Problem($"{name}='{url}' is not a listener URL like http://0.0.0.0:8080 (scheme, host and port; several separated by ';')");
        }
        return ports;
    }
}
