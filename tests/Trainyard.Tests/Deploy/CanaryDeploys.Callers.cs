using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace Trainyard.Tests.Deploy;

public sealed partial class CanaryDeploys
{
    /// <summary>
    /// deploy.clients through a whole deploy: the gateway turns away a request without a key (401, no model reached),
    /// admits a valid key, and the caller's name — never the key — reaches the prediction log and /metrics per
    /// version; neither the key nor the admin token appears in any output, log or answer.
    /// </summary>
    [Fact]
    public async Task CallerKeysTurnAwayStrangersAndTheAuditNamesTheCaller()
    {
        await sample.EnsureAsync(docker);
        var candidate = await sample.BuildAsync(docker, Candidate.Retrained);
        await sample.ResetAsync(docker);
        var key = "k-" + Guid.NewGuid().ToString("N");
        var logs = Path.Combine(sample.Repository.Root, "audit");
        Directory.CreateDirectory(logs);
        if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(logs, (UnixFileMode)0b111_111_111); // the image's user (uid 1654) writes there
        sample.Repository.Environment["TRAINYARD_CLIENT_CLAIMS_APP_KEY"] = key;
        sample.WriteDeploy(sample.DeploySection("  clients: [{name: claims-app}]\n  prediction_log: audit\n  no_data: pass\n")
            .Replace("steps: [25, 50, 100]", "steps: [100]"));
        try
        {
            var deployed = await sample.DeployAsync(docker);
            Assert.True(deployed.ExitCode == 0, sample.Repository.Output);

            using var http = new HttpClient { BaseAddress = sample.Gateway };
            using var stranger = await http.PostAsJsonAsync("/v1/predict", sample.Rows[0]);
            Assert.Equal(HttpStatusCode.Unauthorized, stranger.StatusCode);
            using var wrong = new HttpRequestMessage(HttpMethod.Post, "/v1/predict") { Content = JsonContent.Create(sample.Rows[0]) };
            wrong.Headers.Add("X-Trainyard-Key", key + "x");
            Assert.Equal(HttpStatusCode.Unauthorized, (await http.SendAsync(wrong)).StatusCode);
            for (var i = 0; i < 5; i++)
            {
                using var known = new HttpRequestMessage(HttpMethod.Post, "/v1/predict") { Content = JsonContent.Create(sample.Rows[i]) };
                known.Headers.Add("X-Trainyard-Key", key);
                using var answer = await http.SendAsync(known);
                Assert.Equal(HttpStatusCode.OK, answer.StatusCode);
            }

            var serverMetrics = await http.GetStringAsync($"http://127.0.0.1:{(await sample.RoutesAsync()).Stable!.Url.Split(':')[^1]}/metrics");
            Assert.Contains($"trainyard_caller_predictions_total{{caller=\"claims-app\",version=\"{candidate}\"}} 5", serverMetrics);
            var gatewayMetrics = await http.GetStringAsync("/metrics");
            // Five predictions, and the deploy's own smoke request (GET /readyz), which carries the first caller's key.
            Assert.Contains($"trainyard_gateway_caller_requests_total{{caller=\"claims-app\",version=\"{candidate}\"}} 6", gatewayMetrics);
            // The server writes its log off the request path: wait for the five lines.
            var log = Path.Combine(logs, $"credit-risk-{candidate}.jsonl");
            var lines = Array.Empty<string>();
            for (var wait = 0; wait < 50 && lines.Length < 5; wait++, await Task.Delay(100))
                lines = File.Exists(log) ? File.ReadAllLines(log) : [];
            Assert.Equal(5, lines.Length);
            Assert.All(lines, line => Assert.Equal("claims-app", JsonDocument.Parse(line).RootElement.GetProperty("caller").GetString()));

            var containers = await docker.Engine.ListContainersAsync($"{Trainyard.Deploy.DeployLabels.Model}={sample.Model}", all: false, CancellationToken.None);
            var containerLogs = string.Concat(await Task.WhenAll(containers.Select(c => docker.Engine.ContainerLogsAsync(c.Id, CancellationToken.None))));
            foreach (var (secret, what) in new[] { (key, "caller key"), (sample.Token, "admin token") })
            {
                Assert.False(sample.Repository.Output.Contains(secret, StringComparison.Ordinal), $"the {what} is in the build's output");
                Assert.False(containerLogs.Contains(secret, StringComparison.Ordinal), $"the {what} is in a container's log");
                Assert.False(gatewayMetrics.Contains(secret, StringComparison.Ordinal) || serverMetrics.Contains(secret, StringComparison.Ordinal), $"the {what} is in /metrics");
                Assert.False(string.Concat(lines).Contains(secret, StringComparison.Ordinal), $"the {what} is in the prediction log");
            }
        }
        finally
        {
            sample.Repository.Environment.Remove("TRAINYARD_CLIENT_CLAIMS_APP_KEY");
            sample.WriteDeploy(sample.DeploySection());
        }
    }

    [Fact]
    public async Task AWrongAdminTokenIsRefusedAndChangesNothing()
    {
        await sample.EnsureAsync(docker);
        await sample.ResetAsync(docker);
        var token = sample.Repository.Environment["TRAINYARD_GATEWAY_TOKEN"];
        sample.Repository.Environment["TRAINYARD_GATEWAY_TOKEN"] = "not-the-token";
        try
        {
            var result = await sample.RunAsync(docker, "Rollback", "--reason", "trying with a wrong token", "--version", "v1");
            Assert.NotEqual(0, result.ExitCode);
            Assert.Contains("refused the admin token (401)", sample.Repository.Output);
            Assert.DoesNotContain("not-the-token", sample.Repository.Output);
            Assert.Equal("v1", (await sample.RoutesAsync()).Stable?.Version);
        }
        finally { sample.Repository.Environment["TRAINYARD_GATEWAY_TOKEN"] = token; }
    }
}
