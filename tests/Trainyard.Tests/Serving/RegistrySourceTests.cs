using System.Net;
using System.Text.Json;
using Trainyard.Registry;
using Trainyard.Runtime.Packaging;
using Trainyard.Tests.Registry.Distribution;

namespace Trainyard.Tests.Serving;

/// <summary>
/// TRAINYARD_MODEL: the server pulls its package from Debian's docker-registry on loopback, published there by the
/// build side's DistributionStore. The expected answers are the layout-served server's (the same package by digest),
/// and Evaluate's predictions.csv, which PredictTests already holds that server to.
/// </summary>
[Collection(ServingCollection.Name)]
public sealed class RegistrySourceTests(PackagedSample sample)
{
    const string User = "octo";
    const string Password = "s3cret-Pa55word";

    [Fact]
    public async Task APackagePulledByTagAnswersAsTheSamePackageFromItsLayout()
    {
        await using var registry = await RegistryServer.StartAsync();
        var (prefix, digest) = await PublishAsync(registry, RegistryCredentials.None);
        // Loopback without a scheme is plain HTTP, as docker does; an external test registry gets its scheme spelled out.
        var reference = registry.IsExternal ? $"{registry.Url.AbsoluteUri}{prefix}/credit-risk:production" : $"{registry.Url.Authority}/{prefix}/credit-risk:production";

        await using var remote = await ModelServer.StartAsync(new Dictionary<string, string> { ["TRAINYARD_MODEL"] = reference });
        await using var local = await ModelServer.StartAsync(sample.Environment());

        Assert.Equal(HttpStatusCode.OK, (await remote.Http.GetAsync("/readyz")).StatusCode);
        var rows = JsonSerializer.Serialize(sample.TestRows);
        var fromRegistry = await PredictAsync(remote, rows);
        var fromLayout = await PredictAsync(local, rows);
        sample.Split.AssertAnswers([.. fromRegistry.GetProperty("predictions").EnumerateArray()]);
        Assert.Equal(fromLayout.GetProperty("predictions").GetRawText(), fromRegistry.GetProperty("predictions").GetRawText());
        Assert.Equal(digest, fromRegistry.GetProperty("model").GetProperty("digest").GetString());
        Assert.Equal(fromLayout.GetProperty("model").GetProperty("digest").GetString(), digest);
        Assert.Equal("v1", fromRegistry.GetProperty("model").GetProperty("version").GetString());
    }

    [Fact]
    public async Task APackagePulledByDigestWithAnExplicitSchemeIsServed()
    {
        await using var registry = await RegistryServer.StartLocalAsync();
        var (prefix, digest) = await PublishAsync(registry, RegistryCredentials.None);

        await using var server = await ModelServer.StartAsync(new Dictionary<string, string> { ["TRAINYARD_MODEL"] = $"http://{registry.Url.Authority}/{prefix}/credit-risk@{digest}" });

        var ready = await server.Http.GetStringAsync("/readyz");
        Assert.Equal($"ready: credit-risk v1 {digest}\n", ready);
    }

    [Fact]
    public async Task AnAliasPulledFromARegistryReportsTheVersionItNames()
    {
        await using var registry = await RegistryServer.StartLocalAsync();
        var (prefix, digest) = await PublishAsync(registry, RegistryCredentials.None);

        await using var server = await ModelServer.StartAsync(new Dictionary<string, string> { ["TRAINYARD_MODEL"] = $"{registry.Url.Authority}/{prefix}/credit-risk:production" });

        Assert.Equal($"ready: credit-risk v1 {digest}\n", await server.Http.GetStringAsync("/readyz"));
        var answer = await PredictAsync(server, sample.TestRows[0].GetRawText());
        Assert.Equal("v1", answer.GetProperty("model").GetProperty("version").GetString());
        Assert.Contains($"trainyard_model_info{{name=\"credit-risk\",version=\"v1\",digest=\"{digest}\"}} 1\n", await server.Http.GetStringAsync("/metrics"));
    }

    [Fact]
    public async Task ABearerTokenChallengeIsAnsweredWithTheConfiguredCredentials()
    {
        await using var tokens = new LocalTokenServer(User, Password);
        await using var registry = await RegistryServer.StartLocalAsync(new TokenAuth(tokens));
        var (prefix, _) = await PublishAsync(registry, new RegistryCredentials(User, Password, null));
        var reference = $"{registry.Url.Authority}/{prefix}/credit-risk:v1";

        await using (var server = await ModelServer.StartAsync(new Dictionary<string, string>
        {
            ["TRAINYARD_MODEL"] = reference, ["TRAINYARD_REGISTRY_USERNAME"] = User, ["TRAINYARD_REGISTRY_PASSWORD"] = Password,
        }))
        {
            Assert.Equal(HttpStatusCode.OK, (await server.Http.GetAsync("/readyz")).StatusCode);
            Assert.Contains(tokens.Requests, query => query.Contains(Uri.EscapeDataString($"repository:{prefix}/credit-risk:pull"), StringComparison.Ordinal));
        }

        // A ready-made token (TRAINYARD_REGISTRY_TOKEN) is sent as it is, no token server asked.
        var asked = tokens.Requests.Count;
        await using (var server = await ModelServer.StartAsync(new Dictionary<string, string>
        {
            ["TRAINYARD_MODEL"] = reference, ["TRAINYARD_REGISTRY_TOKEN"] = tokens.Issue($"repository:{prefix}/credit-risk:pull"),
        }))
        {
            Assert.Equal(HttpStatusCode.OK, (await server.Http.GetAsync("/readyz")).StatusCode);
            Assert.Equal(asked, tokens.Requests.Count);
        }

        var (wrongCode, wrong) = await ModelServer.RunToExitAsync(new Dictionary<string, string>
        {
            ["TRAINYARD_MODEL"] = reference, ["TRAINYARD_REGISTRY_USERNAME"] = User, ["TRAINYARD_REGISTRY_PASSWORD"] = "not-the-password",
        });
        Assert.Equal(1, wrongCode);
        Assert.Equal($"trainyard-serving: cannot load {reference}: reading the manifest: token server {tokens.Realm} refused user {User} with a password:"
            + " 401 UNAUTHORIZED invalid username or password — the registry refused user octo with a password: check TRAINYARD_REGISTRY_USERNAME and TRAINYARD_REGISTRY_PASSWORD",
            wrong.Trim());
        Assert.DoesNotContain("not-the-password", wrong);

        var (anonymousCode, anonymous) = await ModelServer.RunToExitAsync(new Dictionary<string, string> { ["TRAINYARD_MODEL"] = reference });
        Assert.Equal(1, anonymousCode);
        Assert.Equal($"trainyard-serving: cannot load {reference}: reading the manifest: token server {tokens.Realm} refused anonymous:"
            + " 401 UNAUTHORIZED invalid username or password — set TRAINYARD_REGISTRY_USERNAME and TRAINYARD_REGISTRY_PASSWORD (or TRAINYARD_REGISTRY_TOKEN)", anonymous.Trim());
    }

    [Fact]
    public async Task ALayerChangedInTheRegistrysStorageIsRefusedAtStart()
    {
        await using var registry = await RegistryServer.StartLocalAsync();
        var (prefix, _) = await PublishAsync(registry, RegistryCredentials.None);
        var model = (await sample.V1Async()).Pack().Layers.Single(l => l.Descriptor.Annotations![PackageMediaTypes.TitleAnnotation] == PackageFiles.Model).Descriptor;
        // The filesystem driver's blob (blobs/sha256/ab/abcd…/data), as TamperedStorageTests changes it: same size, other bytes.
        var hex = model.Digest["sha256:".Length..];
        var path = Path.Combine(registry.StorageDirectory, "docker", "registry", "v2", "blobs", "sha256", hex[..2], hex, "data");
        var bytes = await File.ReadAllBytesAsync(path);
        bytes[^2] ^= 1;
        await File.WriteAllBytesAsync(path, bytes);
        var reference = $"{registry.Url.Authority}/{prefix}/credit-risk:v1";

        var (exitCode, output) = await ModelServer.RunToExitAsync(new Dictionary<string, string> { ["TRAINYARD_MODEL"] = reference });

        Assert.Equal(1, exitCode);
        Assert.Equal($"trainyard-serving: cannot load {reference}: layer model.json has digest {OciBlobs.DigestOf(bytes)} but the manifest says {model.Digest};"
            + " the package is damaged or was tampered with — push it again", output.Trim());
    }

    [Fact]
    public async Task AnUnknownTagAndAnUnreachableRegistryStopTheServerSayingWhatToCheck()
    {
        await using var registry = await RegistryServer.StartLocalAsync();
        var (prefix, _) = await PublishAsync(registry, RegistryCredentials.None);
        var unknown = $"{registry.Url.Authority}/{prefix}/credit-risk:v9";

        var (unknownCode, unknownOutput) = await ModelServer.RunToExitAsync(new Dictionary<string, string> { ["TRAINYARD_MODEL"] = unknown });

        Assert.Equal(1, unknownCode);
        Assert.StartsWith($"trainyard-serving: cannot load {unknown}: reading the manifest: 404 MANIFEST_UNKNOWN", unknownOutput.Trim());
        Assert.EndsWith("— check the repository and tag in TRAINYARD_MODEL, or publish the model there first", unknownOutput.Trim());

        var nowhere = $"127.0.0.1:{RegistryServer.FreePort()}/models/credit-risk:production";
        var (nowhereCode, nowhereOutput) = await ModelServer.RunToExitAsync(new Dictionary<string, string> { ["TRAINYARD_MODEL"] = nowhere });

        Assert.Equal(1, nowhereCode);
        Assert.StartsWith($"trainyard-serving: cannot load {nowhere}: reading the manifest: could not reach http://{nowhere.Split('/')[0]} (Connection refused", nowhereOutput.Trim());
        Assert.DoesNotContain("   at ", nowhereOutput);
    }

    [Fact]
    public async Task AReferenceWithoutAHostOrTogetherWithAPathIsABadSetting()
    {
        var (exitCode, output) = await ModelServer.RunToExitAsync(new Dictionary<string, string>
        {
            ["TRAINYARD_MODEL"] = "credit-risk:production", ["TRAINYARD_MODEL_PATH"] = sample.Layout, ["TRAINYARD_REGISTRY_USERNAME"] = User,
        });

        Assert.Equal(2, exitCode);
        Assert.Contains("TRAINYARD_MODEL='credit-risk:production' names no registry host", output);
        Assert.Contains("TRAINYARD_MODEL and TRAINYARD_MODEL_PATH are both set", output);
        Assert.Contains("TRAINYARD_REGISTRY_USERNAME and TRAINYARD_REGISTRY_PASSWORD go together", output);
    }

    /// <summary>Pushes the sample's v1 under a prefix of its own, tagged v1 and production; returns the prefix and the manifest digest.</summary>
    async Task<(string Prefix, string Digest)> PublishAsync(RegistryServer registry, RegistryCredentials credentials)
    {
        var packed = (await sample.V1Async()).Pack();
        using var store = registry.NewStore(credentials);
        foreach (var blob in packed.Layers.Prepend(packed.Config)) await store.PushBlobAsync("credit-risk", blob, CancellationToken.None);
        foreach (var tag in new[] { "v1", "production" }) await store.PushManifestAsync("credit-risk", packed.Manifest, tag, CancellationToken.None);
        return (new Uri(store.Location).AbsolutePath.Trim('/'), packed.Digest);
    }

    static async Task<JsonElement> PredictAsync(ModelServer server, string rows)
    {
        using var response = await server.Http.PostAsync("/v1/predict", new StringContent(rows, System.Text.Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone();
    }
}
