using Trainyard.Containers;

namespace Trainyard.Tests.Containers;

public sealed class DockerfileTests
{
    [Fact]
    public void ALabelValueIsQuotedSoNothingInItIsExpandedOrEndsItEarly()
    {
        // The Dockerfile reference: in a double-quoted word, \" is a quote, \\ a backslash and \$ a dollar sign.
        Assert.Equal("\"say \\\"hi\\\" to C:\\\\ for \\$5\"", Dockerfile.Quote("say \"hi\" to C:\\ for $5"));
        Assert.Equal("\"two lines\"", Dockerfile.Quote("two\nlines"));
    }

    [Theory]
    [InlineData(ServingBuild.Aot, "one native executable")]
    [InlineData(ServingBuild.Jit, "its own .NET runtime")]
    public void TheDockerfileBakesTheVersionInAndRunsAsAppWithoutTrainyardUrls(ServingBuild build, string serverComment)
    {
        var text = Dockerfile.Render(new DockerfileInputs("example.org/base:1", build, "credit-risk", "v3", "sha256:abc", "trainyard/credit-risk:v3",
            new Dictionary<string, string> { ["org.opencontainers.image.version"] = "v3", ["dev.trainyard.model.name"] = "credit-risk" }));
        var lines = text.Split('\n');

        Assert.Contains("FROM example.org/base:1", lines);
        Assert.Contains("COPY app/ /app/", lines);
        Assert.Contains(serverComment, text);
        Assert.DoesNotContain("{{", text); // the template's conditionals all rendered
        Assert.Contains("COPY model/ /model/", lines);
        Assert.Contains("    TRAINYARD_MODEL_REFERENCE=v3 \\", lines);
        Assert.Contains("USER app", lines);
        Assert.Contains("EXPOSE 8080", lines);
        Assert.Contains("ENTRYPOINT [\"/app/Trainyard.Serving\"]", lines);
        // One LABEL instruction, labels in name order, continued with a backslash.
        Assert.Contains("LABEL dev.trainyard.model.name=\"credit-risk\" \\", lines);
        Assert.Contains("      org.opencontainers.image.version=\"v3\"", lines);
        Assert.DoesNotContain(lines, line => !line.TrimStart().StartsWith('#') && line.Contains("TRAINYARD_URLS", StringComparison.Ordinal));
        Assert.DoesNotContain("&quot;", text); // not HTML-encoded
    }

    [Fact]
    public void TheHealthcheckProbesWithoutAUrlSoItFollowsThePortTheContainerIsGiven()
    {
        var text = Dockerfile.Render(new DockerfileInputs("example.org/base:1", ServingBuild.Aot, "credit-risk", "v3", "sha256:abc", "trainyard/credit-risk:v3",
            new Dictionary<string, string> { ["org.opencontainers.image.version"] = "v3" }));
        var lines = text.Split('\n');

        var healthcheck = Assert.Single(lines, line => line.StartsWith("HEALTHCHECK ", StringComparison.Ordinal));
        // --probe alone reads TRAINYARD_URLS/ASPNETCORE_URLS at check time; a port baked in would go stale under -e ASPNETCORE_URLS.
        Assert.EndsWith("CMD [\"/app/Trainyard.Serving\", \"--probe\"]", healthcheck);
        Assert.DoesNotContain("8080", healthcheck);
        Assert.Contains("    ASPNETCORE_URLS=http://+:8080 \\", lines);
    }
}
