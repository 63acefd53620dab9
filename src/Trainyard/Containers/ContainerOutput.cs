using Trainyard.Docker;

namespace Trainyard.Containers;

/// <summary>A container's own output for a failure message: the model server's, the gateway's, a smoke test's.</summary>
internal static class ContainerOutput
{
    /// <summary>The last 40 lines, on lines of their own after the message; never throws (the message matters more).</summary>
    public static async Task<string> TailAsync(DockerEngine engine, string id)
    {
        try
        {
            var lines = (await engine.ContainerLogsAsync(id, CancellationToken.None)).TrimEnd().Split('\n');
            return lines is [""] ? "\nThe container wrote no output." : "\nThe container's output:\n  " + string.Join("\n  ", lines.TakeLast(40));
        }
        catch (DockerException e)
        {
            return $"\n(its output could not be read: {e.Message})";
        }
    }
}
