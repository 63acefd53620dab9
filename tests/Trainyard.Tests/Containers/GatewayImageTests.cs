using System.Net;
using System.Net.Http.Headers;
using Spectre.Console;
using Trainyard.Containers;
using Trainyard.Docker;
using Trainyard.Tests.Docker;
using Trainyard.Tests.Pipelines;
using Trainyard.Tests.Registry.Distribution;

namespace Trainyard.Tests.Containers;

/// <summary>
/// The gateway image on the private engine: built from src/Trainyard.Gateway (trimmed, self-contained, on the test base
/// image), not rebuilt when the engine has the tag, and a container of it answers /healthz, turns healthy by its
/// HEALTHCHECK on a port of its own choosing, and serves the admin API with the token from its environment.
/// </summary>
[Collection(DockerEngineCollection.Name)]
public sealed class GatewayImageTests(PrivateDockerEngine docker)
{
    static readonly CancellationToken Ct = default;
    DockerEngine Engine => docker.Engine;

    static (IAnsiConsole Console, StringWriter Output) Console()
    {
        var output = new StringWriter();
        var console = AnsiConsole.Create(new AnsiConsoleSettings { Ansi = AnsiSupport.No, ColorSystem = ColorSystemSupport.NoColors, Interactive = InteractionSupport.No, Out = new AnsiConsoleOutput(output) });
        console.Profile.Width = 200;
        return (console, output);
    }

    [Fact]
    public async Task TheGatewayImageRunsAndItsAdminApiTakesTheTokenFromTheEnvironment()
    {
        var baseImage = await TestBaseImage.EnsureAsync(Engine, Ct);
        var folder = Directory.CreateTempSubdirectory("trainyard-gateway-image-").FullName;
        try
        {
            var (console, output) = Console();
            var image = await GatewayImage.EnsureAsync(Engine, baseImage, ContainerizeSettings.DefaultServingBuild, RepositoryRoot.Path, folder, console, Ct);
            Assert.Equal($"trainyard/gateway:{GatewayImage.Tag}", image);
            // Built as the model server is by default (--serving-build), and labelled so: a later call with the other build rebuilds.
            Assert.Contains(ContainerizeSettings.DefaultServingBuild == ServingBuild.Aot ? "as a native executable (NativeAOT)" : "self-contained and trimmed", output.ToString());
            Assert.Equal(ContainerizeSettings.DefaultServingBuild.ToString().ToLowerInvariant(),
                (await Engine.InspectImageAsync(image, Ct))!.Labels[GatewayImage.BuildLabel]);
            var (again, againOutput) = Console();
            Assert.Equal(image, await GatewayImage.EnsureAsync(Engine, baseImage, ContainerizeSettings.DefaultServingBuild, RepositoryRoot.Path, Path.Combine(folder, "second"), again, Ct));
            Assert.Contains("is on the engine", againOutput.ToString());
            Assert.False(Directory.Exists(Path.Combine(folder, "second", "app")), "the second call published nothing");

            var (port, adminPort) = (RegistryServer.FreePort(), RegistryServer.FreePort());
            const string token = "image-test-token-0c1d2e3f";
            var id = await Engine.CreateContainerAsync(new ContainerSpec(image)
            {
                Env = [$"TRAINYARD_GATEWAY_URLS=http://127.0.0.1:{port}", $"TRAINYARD_GATEWAY_ADMIN_URLS=http://127.0.0.1:{adminPort}", $"TRAINYARD_GATEWAY_TOKEN={token}"],
                NetworkMode = "host", // the test engine runs with --bridge=none
                ReadOnlyRootFilesystem = true,
                Tmpfs = new Dictionary<string, string> { ["/tmp"] = "rw,size=16m" },
            }, Ct);
            try
            {
                await Engine.StartContainerAsync(id, Ct);
                using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
                var healthz = await AnswerAsync(http, $"http://127.0.0.1:{port}/healthz", () => Engine.ContainerLogsAsync(id, Ct));
                Assert.Equal("ok\n", healthz);

                using var refused = await http.GetAsync($"http://127.0.0.1:{adminPort}/admin/state", Ct);
                Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
                using var read = new HttpRequestMessage(HttpMethod.Get, $"http://127.0.0.1:{adminPort}/admin/state");
                read.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
                using var state = await http.SendAsync(read, Ct);
                Assert.Equal(HttpStatusCode.OK, state.StatusCode);
                Assert.Contains("\"canary_weight\":0", await state.Content.ReadAsStringAsync(Ct));

                // The HEALTHCHECK (--probe, no URL) follows TRAINYARD_GATEWAY_URLS' port: the container turns healthy.
                string? health = null;
                for (var deadline = DateTime.UtcNow.AddSeconds(40); health != "healthy" && DateTime.UtcNow < deadline; await Task.Delay(500, Ct))
                    health = (await Engine.InspectContainerAsync(id, Ct)).State.Health;
                Assert.Equal("healthy", health);
                Assert.DoesNotContain(token, await Engine.ContainerLogsAsync(id, Ct));
            }
            finally { await Engine.RemoveContainerAsync(id, force: true, Ct); }
        }
        finally { Directory.Delete(folder, recursive: true); }
    }

    static async Task<string> AnswerAsync(HttpClient http, string url, Func<Task<string>> logs)
    {
        for (var deadline = DateTime.UtcNow.AddSeconds(30); DateTime.UtcNow < deadline; await Task.Delay(200))
        {
            try { return await http.GetStringAsync(url); }
            catch (HttpRequestException) { }
        }
        throw new InvalidOperationException($"{url} did not answer within 30 s; the container said:\n{await logs()}");
    }
}
