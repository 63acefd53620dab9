namespace Trainyard.Deploy;

/// <summary>
/// The labels on a deployment's containers, by which any later process (Rollback, the next CanaryDeploy, one that
/// follows a crash) finds them without a local file. Which server is stable and which canary is not a label — labels
/// never change after create — but the gateway's routing state.
/// </summary>
internal static class DeployLabels
{
    public const string Model = "dev.trainyard.model";
    public const string Version = "dev.trainyard.version";
    /// <summary><c>gateway</c> or <c>server</c>.</summary>
    public const string Role = "dev.trainyard.role";
    /// <summary>The loopback port the server or the gateway's public listener answers on.</summary>
    public const string Port = "dev.trainyard.port";

    public static string ContainerName(string model, string versionOrRole) => $"trainyard-{model}-{versionOrRole}";
}
