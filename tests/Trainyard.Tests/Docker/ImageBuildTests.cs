using Xunit.Abstractions;
using Trainyard.Docker;

namespace Trainyard.Tests.Docker;

[Collection(DockerEngineCollection.Name)]
public sealed class ImageBuildTests(PrivateDockerEngine docker, ITestOutputHelper log)
{
    static readonly CancellationToken Ct = default;
    DockerEngine Engine => docker.Engine;

    static Func<Stream, CancellationToken, Task> Context(string dockerfile, params (string Name, string Text)[] files) => async (stream, ct) =>
    {
        await using var tar = new TarContext(stream);
        await tar.AddFileAsync("Dockerfile", System.Text.Encoding.UTF8.GetBytes(dockerfile), ct: ct);
        foreach (var (name, text) in files) await tar.AddFileAsync(name, System.Text.Encoding.UTF8.GetBytes(text), ct: ct);
    };

    [Fact]
    public async Task BuildStreamsEachOutputLineAndReturnsTheIdWhoseLabelsInspectBack()
    {
        var baseImage = await TestBaseImage.EnsureAsync(Engine, Ct);
        var tag = $"trainyard-test/build:{Guid.NewGuid():N}";
        var lines = new List<string>();
        var build = new ImageBuild([tag]) { Labels = new Dictionary<string, string> { ["org.opencontainers.image.version"] = "7" } };
        var id = await Engine.BuildImageAsync(build, Context($"FROM {baseImage}\nCOPY model.txt /app/model.txt\nUSER app\n", ("model.txt", "weights")), lines.Add, Ct);
        try
        {
            Assert.Matches("^sha256:[0-9a-f]{64}$", id);
            // The classic builder's own step lines: three Dockerfile instructions plus the LABEL step it adds for build labels.
            Assert.Contains($"Step 1/4 : FROM {baseImage}", lines);
            Assert.Contains("Step 2/4 : COPY model.txt /app/model.txt", lines);
            var image = await Engine.InspectImageAsync(tag, Ct);
            Assert.NotNull(image);
            Assert.Equal(id, image.Id);
            Assert.Equal("7", image.Labels["org.opencontainers.image.version"]);
            Assert.Equal("app", image.User);
            Assert.Contains(tag, image.RepoTags);
        }
        finally { await Engine.RemoveImageAsync(tag, force: true, Ct); }
    }

    [Fact]
    public async Task ACopyOfAMissingFileIsADockerExceptionWithTheEnginesMessage()
    {
        var baseImage = await TestBaseImage.EnsureAsync(Engine, Ct);
        var error = await Assert.ThrowsAsync<DockerException>(() => Engine.BuildImageAsync(
            new ImageBuild([$"trainyard-test/broken:{Guid.NewGuid():N}"]), Context($"FROM {baseImage}\nCOPY missing.txt /app/\n"), _ => { }, Ct));
        Assert.StartsWith("docker build trainyard-test/broken:", error.Message);
        Assert.Contains("missing.txt", error.Message); // the engine's words: "COPY failed: file not found in build context …"
        Assert.Contains("Step 2/2 : COPY missing.txt /app/", error.Message); // the last output lines come along
    }

    [Fact]
    public async Task AContextWriterThatFailsSurfacesItsOwnErrorNotTheTransports()
    {
        var error = await Assert.ThrowsAsync<TrainyardException>(() => Engine.BuildImageAsync(new ImageBuild([]), async (stream, ct) =>
        {
            await using var tar = new TarContext(stream);
            await tar.AddFileAsync("Dockerfile", "FROM scratch\n"u8.ToArray(), ct: ct);
            throw new TrainyardException("model.json is missing: run ./build.sh Package first");
        }, _ => { }, Ct));
        Assert.Equal("model.json is missing: run ./build.sh Package first", error.Message);
    }

    [Fact]
    public async Task ARunStepWithoutAShellInTheImageFailsWithTheEnginesMessage()
    {
        var error = await Assert.ThrowsAsync<DockerException>(() => Engine.BuildImageAsync(
            new ImageBuild([]), Context("FROM scratch\nRUN true\n"), _ => { }, Ct));
        Assert.StartsWith("docker build: ", error.Message);
        Assert.Contains("/bin/sh", error.Message); // scratch has no shell for RUN's shell form
    }

    [Fact]
    public async Task TheBaseImageIsSmallHasAStickyTmpAndNoShellAndIsReusedWhileItsContentIsUnchanged()
    {
        var reference = await TestBaseImage.EnsureAsync(Engine, Ct);
        var image = (await Engine.InspectImageAsync(reference, Ct))!;
        log.WriteLine($"{reference}: {image.Size} bytes");
        var shell = await Engine.CreateContainerAsync(new ContainerSpec(reference) { Cmd = ["/bin/sh", "-c", "true"] }, Ct);
        try
        {
            var error = await Assert.ThrowsAsync<DockerException>(() => Engine.StartContainerAsync(shell, Ct));
            Assert.Contains("/bin/sh", error.Message); // the runtime cannot find it: no shell in the image
            // Go's os.FileMode bits: ModeDir = 1<<31, ModeSticky = 1<<20, then rwxrwxrwx: /tmp is 1777 as everywhere.
            Assert.Equal((1L << 31) | (1L << 20) | 0b111_111_111, (await Engine.StatPathAsync(shell, "/tmp", Ct))!.Mode);
            Assert.Null(await Engine.StatPathAsync(shell, "/bin/sh", Ct));
        }
        finally { await Engine.RemoveContainerAsync(shell, force: true, Ct); }
        Assert.InRange(image.Size, 1, 40_000_000); // runtime-deps:10.0 is ~35 MB on disk; ours copies fewer libraries
        Assert.Contains("APP_UID=1654", image.Env);
        // A second call finds the image by its content label rather than building again.
        Assert.Equal(reference, await TestBaseImage.EnsureAsync(Engine, Ct));
        Assert.Equal(image.Id, (await Engine.InspectImageAsync(reference, Ct))!.Id);
    }

    [Fact]
    public async Task InspectingAnAbsentImageIsNullAndTaggingAddsARepoTag()
    {
        Assert.Null(await Engine.InspectImageAsync($"trainyard-test/absent:{Guid.NewGuid():N}", Ct));
        var reference = await TestBaseImage.EnsureAsync(Engine, Ct);
        var tag = Guid.NewGuid().ToString("N");
        await Engine.TagImageAsync(reference, "trainyard-test/tagged", tag, Ct);
        try
        {
            var tagged = (await Engine.InspectImageAsync($"trainyard-test/tagged:{tag}", Ct))!;
            Assert.Equal((await Engine.InspectImageAsync(reference, Ct))!.Id, tagged.Id);
            Assert.Contains($"trainyard-test/tagged:{tag}", tagged.RepoTags);
        }
        finally { await Engine.RemoveImageAsync($"trainyard-test/tagged:{tag}", force: false, Ct); }
        Assert.Null(await Engine.InspectImageAsync($"trainyard-test/tagged:{tag}", Ct));
    }

    [Fact]
    public async Task ImportMakesAnImageFromARootFilesystemTarWithChangesApplied()
    {
        var tag = Guid.NewGuid().ToString("N");
        var id = await Engine.ImportImageAsync(async (stream, ct) =>
        {
            await using var tar = new TarContext(stream);
            await tar.AddDirectoryAsync("etc", ct: ct);
            await tar.AddFileAsync("etc/motd", "imported\n"u8.ToArray(), ct: ct);
        }, "trainyard-test/imported", tag, ["USER 1654", "ENV MODEL=credit-risk"], Ct);
        try
        {
            var image = (await Engine.InspectImageAsync($"trainyard-test/imported:{tag}", Ct))!;
            Assert.Equal(id, image.Id);
            Assert.Equal("1654", image.User);
            Assert.Contains("MODEL=credit-risk", image.Env);
        }
        finally { await Engine.RemoveImageAsync($"trainyard-test/imported:{tag}", force: true, Ct); }
    }
}
