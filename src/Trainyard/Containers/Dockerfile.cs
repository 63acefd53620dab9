using System.Text;
using Trainyard.IO;

namespace Trainyard.Containers;

/// <summary>What the generated Dockerfile says: the base, the model version it bakes in, and the image's labels.</summary>
internal sealed record DockerfileInputs(string BaseImage, ServingBuild Build, string Model, string Version, string Digest, string Image, IReadOnlyDictionary<string, string> Labels)
{
    /// <summary>The port the server listens on in the image (ASPNETCORE_URLS); the smoke test overrides it.</summary>
    public const int Port = 8080;
}

/// <summary>
/// Renders the Dockerfile from the embedded Scriban template (Containers/Templates/Dockerfile.sbn). Values are
/// written as they are: label values are quoted for the Dockerfile here instead, where a quote, a backslash or a
/// <c>$</c> (which LABEL would expand) is escaped.
/// </summary>
internal static class Dockerfile
{
    public static string Render(DockerfileInputs inputs)
    {
        return new EmbeddedTemplate("Trainyard.Containers.Templates.Dockerfile.sbn").Render(new
        {
            inputs.BaseImage,
            Native = inputs.Build == ServingBuild.Aot,
            inputs.Model,
            inputs.Version,
            inputs.Digest,
            inputs.Image,
            Port = DockerfileInputs.Port,
            ServingPublish.Executable,
            // One LABEL instruction, one label per line: one build step rather than one per label.
            Labels = string.Join(" \\\n      ", inputs.Labels.OrderBy(l => l.Key, StringComparer.Ordinal).Select(l => $"{l.Key}={Quote(l.Value)}")),
        });
    }

    /// <summary>A double-quoted Dockerfile word: nothing in it is expanded or ends it early.</summary>
    public static string Quote(string value)
    {
        var quoted = new StringBuilder("\"");
        foreach (var c in value)
            quoted.Append(c switch
            {
                '"' => "\\\"",
                '\\' => "\\\\",
                '$' => "\\$",
                '\r' or '\n' => " ",
                _ => c.ToString(),
            });
        return quoted.Append('"').ToString();
    }
}
