using System.Net;
using System.Text.Json;
using Trainyard.Runtime.Packaging;

namespace Trainyard.Tests.Serving;

[Collection(ServingCollection.Name)]
public sealed class StartupTests(PackagedSample sample)
{
    [Fact]
    public async Task AMissingModelPathStopsTheServerWithWhatToSet()
    {
        var (exitCode, output) = await ModelServer.RunToExitAsync(new Dictionary<string, string> { ["TRAINYARD_MODEL_PATH"] = "/nonexistent/models", ["TRAINYARD_DRIFT_WINDOW"] = "many" });

        Assert.Equal(2, exitCode);
        Assert.Contains("TRAINYARD_MODEL_PATH=/nonexistent/models: no such folder", output);
        Assert.Contains("TRAINYARD_DRIFT_WINDOW='many' is not a whole number", output);
        Assert.DoesNotContain("   at ", output);
    }

    [Fact]
    public async Task AnUnknownReferenceStopsTheServerNamingIt()
    {
        var (exitCode, output) = await ModelServer.RunToExitAsync(sample.Environment(("TRAINYARD_MODEL_REFERENCE", "v9")));

        Assert.Equal(1, exitCode);
        Assert.Contains($"cannot load {sample.Layout}:v9", output);
        Assert.DoesNotContain("   at ", output);
    }

    [Fact]
    public async Task AnUnknownTagListsTheModelsVersionsButNotTheRegistrysHistory()
    {
        // The sample's registry folder holds the alias history's head under the tag 'history', beside the versions.
        Assert.Contains("\"history\"", await File.ReadAllTextAsync(Path.Combine(sample.Layout, "index.json")));

        var (exitCode, output) = await ModelServer.RunToExitAsync(sample.Environment(("TRAINYARD_MODEL_REFERENCE", "v9")));

        Assert.Equal(1, exitCode);
        Assert.Contains("no tag 'v9' in index.json; tags here: ", output);
        Assert.Contains("v1", output[output.IndexOf("tags here: ", StringComparison.Ordinal)..]);
        Assert.DoesNotContain("history", output);
    }

    [Fact]
    public async Task StartedInTheRootFolderItWatchesNoFiles()
    {
        // A container without WORKDIR starts the server in /: a content root there, watched for appsettings.json,
        // meant an inotify watch on every folder of the container (/sys, /proc…), 0.2–0.7 s before it was ready.
        await using var server = await ModelServer.StartAsync(sample.Environment(), workingDirectory: "/");

        var output = await server.OutputOnceItSaysAsync("Content root path:");
        Assert.Contains($"Content root path: {AppContext.BaseDirectory.TrimEnd('/')}", output);
        var inotify = Directory.GetFiles($"/proc/{server.ProcessId}/fd")
            .Count(fd => new FileInfo(fd).LinkTarget == "anon_inode:inotify");
        Assert.Equal(0, inotify);
    }

    [Fact]
    public async Task ReadyzAnswersOnlyWhenTheExampleScoresAsExpected()
    {
        await using (var server = await ModelServer.StartAsync(sample.Environment()))
        {
            using var ready = await server.Http.GetAsync("/readyz");
            Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
            Assert.Contains("trainyard_ready 1\n", await server.Http.GetStringAsync("/metrics"));
        }

        var layout = await sample.ExportWithWrongExampleAsync();
        await using var broken = await ModelServer.StartAsync(new Dictionary<string, string> { ["TRAINYARD_MODEL_PATH"] = layout, ["TRAINYARD_MODEL_REFERENCE"] = "v1" });
        using var notReady = await broken.Http.GetAsync("/readyz");
        Assert.Equal(HttpStatusCode.ServiceUnavailable, notReady.StatusCode);
        var detail = JsonDocument.Parse(await notReady.Content.ReadAsStringAsync()).RootElement.GetProperty("detail").GetString();
        Assert.Contains("failed its self-test: example row 0: expected", detail);
        Assert.Equal(HttpStatusCode.OK, (await broken.Http.GetAsync("/healthz")).StatusCode);
    }

    [Fact]
    public async Task ATamperedPackageIsRefusedAtStart()
    {
        var layout = Path.Combine(sample.NewFolder(), "layout");
        var package = await ModelPackage.LoadAsync(sample.Layout, "v1", CancellationToken.None);
        await package.ExportAsync(layout, "v1", CancellationToken.None);
        var model = package.Pack().Layers.Single(l => l.Descriptor.Annotations!["org.opencontainers.image.title"] == "model.json").Descriptor.Digest;
        var blob = Path.Combine(layout, "blobs", "sha256", model["sha256:".Length..]);
        var bytes = await File.ReadAllBytesAsync(blob);
        bytes[^2] ^= 1; // same size, other bytes
        await File.WriteAllBytesAsync(blob, bytes);

        var (exitCode, output) = await ModelServer.RunToExitAsync(new Dictionary<string, string> { ["TRAINYARD_MODEL_PATH"] = layout, ["TRAINYARD_MODEL_REFERENCE"] = "v1" });

        Assert.Equal(1, exitCode);
        Assert.Contains($"layer model.json has digest sha256:", output);
        Assert.Contains($"but the manifest says {model}", output);
    }
}
