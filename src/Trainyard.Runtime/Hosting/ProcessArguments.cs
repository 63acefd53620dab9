namespace Trainyard.Runtime.Hosting;

/// <summary>
/// The few arguments the model server and the gateway take: none (serve, configured by environment variables),
/// <c>--probe [url]</c> (the image's health check) or <c>--help</c>. Anything else is refused with exit code 2, so a
/// typo never starts a process that ignores what was asked. Read first: --probe must answer fast, reading no other
/// setting and building no web host.
/// </summary>
/// <param name="Program">How messages name the process: <c>trainyard-serving</c>, <c>trainyard-gateway</c>.</param>
/// <param name="Subject">What is configured by environment variables, for the unknown-arguments message: <c>the server</c>.</param>
/// <param name="Usage">The text of <c>--help</c>.</param>
/// <param name="ProbeExample">A URL <c>--probe</c>'s messages show, e.g. <c>http://127.0.0.1:8080/readyz</c>.</param>
/// <param name="ProbeExampleNote">Said after the example when <c>--probe</c> has too many arguments (what no URL means), or empty.</param>
/// <param name="DefaultProbeUrl">What <c>--probe</c> asks without a URL, from the environment.</param>
internal sealed record ProcessArguments(string Program, string Subject, string Usage, string ProbeExample, string ProbeExampleNote,
    Func<Func<string, string?>, string> DefaultProbeUrl)
{
    /// <returns>The exit code of <c>--help</c>, <c>--probe</c> or wrong arguments; null when the process is to serve.</returns>
    public async Task<int?> RunAsync(IReadOnlyList<string> args, Func<string, string?> variable, TextWriter output, TextWriter error,
        CancellationToken cancellationToken)
    {
        switch (args)
        {
            case []:
                return null;
            case ["--help" or "-h"]:
                output.WriteLine(Usage);
                return 0;
            case ["--probe"]:
                return await HealthProbe.RunAsync(Program, ProbeExample, DefaultProbeUrl(variable), variable, output, cancellationToken);
            case ["--probe", var url] when !url.StartsWith('-'):
                return await HealthProbe.RunAsync(Program, ProbeExample, url, variable, output, cancellationToken);
            case ["--probe", ..]:
                error.WriteLine($"{Program}: --probe takes at most one URL, e.g. --probe {ProbeExample}{ProbeExampleNote}");
                return 2;
            default:
                error.WriteLine($"{Program}: unknown arguments '{string.Join(' ', args)}'; {Subject} is configured by environment variables (see --help)");
                return 2;
        }
    }
}
