using Trainyard.Deploy;
using Trainyard.Docker;
using Trainyard.Monitoring;
using Trainyard.Tests.Docker;

namespace Trainyard.Tests.Monitoring;

/// <summary>Copying prediction logs out of a model's server containers, found by label, through the private Docker engine.</summary>
[Collection(DockerEngineCollection.Name)]
public sealed class ContainerLogsTests(PrivateDockerEngine docker)
{
    [Fact]
    public async Task EachServersLogAndItsRotationsAreCopiedOutByLabel()
    {
        var engine = docker.Engine;
        var image = await TestBaseImage.EnsureAsync(engine, default);
        var model = "copy-" + Guid.NewGuid().ToString("N")[..8];
        // One folder bind-mounted into both servers at /log, as DockerProvider mounts deploy.prediction_log.
        var shared = Directory.CreateTempSubdirectory("trainyard-logs-").FullName;
        var files = new Dictionary<string, string>
        {
            [$"{model}-v1.jsonl"] = "{\"line\":3}\n", [$"{model}-v1.jsonl.1"] = "{\"line\":1}\n{\"line\":2}\n", [$"{model}-v2.jsonl"] = "{\"line\":4}\n",
            ["another-model-v1.jsonl"] = "{\"other\":true}\n", ["notes.txt"] = "not a log",
        };
        foreach (var (name, text) in files) await File.WriteAllTextAsync(Path.Combine(shared, name), text);
        var ids = new List<string>();
        try
        {
            foreach (var version in new[] { "v1", "v2" })
                ids.Add(await engine.CreateContainerAsync(new ContainerSpec(image)
                {
                    Cmd = ["/bin/true"],
                    Binds = [$"{shared}:{ContainerLogs.Folder}:ro"],
                    Labels = new Dictionary<string, string> { [DeployLabels.Model] = model, [DeployLabels.Version] = version, [DeployLabels.Role] = "server" },
                }, default));
            var destination = Path.Combine(Directory.CreateTempSubdirectory("trainyard-copied-").FullName, "logs");

            var read = await ContainerLogs.CopyAsync(engine, model, destination, default);

            Assert.Equal(2, read.Count);
            Assert.Equal([$"{model}-v1.jsonl", $"{model}-v1.jsonl.1", $"{model}-v2.jsonl"],
                Directory.GetFiles(destination).Select(Path.GetFileName).Order(StringComparer.Ordinal));
            foreach (var copied in Directory.GetFiles(destination))
                Assert.Equal(files[Path.GetFileName(copied)], await File.ReadAllTextAsync(copied));
            Assert.Equal([Path.Combine(destination, $"{model}-v1.jsonl.1"), Path.Combine(destination, $"{model}-v1.jsonl"), Path.Combine(destination, $"{model}-v2.jsonl")],
                PredictionLogReader.FilesOf(destination));
        }
        finally
        {
            foreach (var id in ids) await engine.RemoveContainerAsync(id, force: true, default);
        }
    }

    [Fact]
    public async Task NoServerOfTheModelSaysWhereToGiveTheLogs()
    {
        var error = await Assert.ThrowsAsync<TrainyardException>(() => ContainerLogs.CopyAsync(docker.Engine, "nothing-" + Guid.NewGuid().ToString("N")[..8], Path.GetTempPath(), default));
        Assert.Contains("give the prediction logs' folder with --log or monitor.log", error.Message);
    }
}
