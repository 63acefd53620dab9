using Spectre.Console;
using Trainyard.Docker;

namespace Trainyard.Containers;

// STUB (lead's branch): the gateway helper's GatewayImage replaces this at merge.
internal static class GatewayImage
{
    public static Task<string> EnsureAsync(DockerEngine engine, string baseImage, string root, IAnsiConsole console, CancellationToken ct) =>
        throw new NotImplementedException();
}
