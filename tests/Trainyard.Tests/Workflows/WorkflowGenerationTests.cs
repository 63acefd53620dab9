using Trainyard.Targets;
using Trainyard.Tests.Targets;

namespace Trainyard.Tests.Workflows;

public sealed class WorkflowGenerationTests
{
    [Fact]
    public async Task NeedsFollowTheTargetGraphOneJobPerTarget()
    {
        using var generated = await GeneratedWorkflows.OfAsync(new ChainBuild());

        var jobs = generated.Workflow("pull-request").Keys("jobs");
        Assert.Equal(["validate", "train", "evaluate", "report", "comment"], jobs);
        Assert.False(generated.Job("pull-request", "validate").Has("needs"));
        Assert.Equal(["validate"], generated.Job("pull-request", "train").Strings("needs"));
        Assert.Equal(["train"], generated.Job("pull-request", "evaluate").Strings("needs"));
        Assert.Equal(["evaluate"], generated.Job("pull-request", "report").Strings("needs"));
        Assert.Equal(["report"], generated.Job("pull-request", "comment").Strings("needs"));
        // Report and Comment run after a failed gate, as they do locally (AssuredAfterFailure); the others do not.
        Assert.Equal("${{ !cancelled() }}", generated.Job("pull-request", "comment").Scalar("if"));
        Assert.Equal("${{ !cancelled() }}", generated.Job("pull-request", "report").Scalar("if"));
        Assert.False(generated.Job("pull-request", "evaluate").Has("if"));
        Assert.Equal(["monitor", "validate", "train", "evaluate", "package", "deploy", "retrain"], generated.Workflow("schedule").Keys("jobs"));
        Assert.Equal(["monitor", "deploy"], generated.Job("schedule", "retrain").Strings("needs"));
    }

    [Fact]
    public async Task EachJobDownloadsTheOutputsOfTheTargetsBeforeItAndSkipsThem()
    {
        using var generated = await GeneratedWorkflows.OfAsync(new ChainBuild());

        var evaluate = generated.Job("pull-request", "evaluate");
        Assert.Equal(["validate", "train"], evaluate.Uses("actions/download-artifact").Select(s => s.Scalar("with", "name")));
        Assert.Equal("./build.sh Evaluate --skip Validate,Train", evaluate.RunStep().Scalar("run"));
        var upload = evaluate.Uses("actions/upload-artifact").Single();
        Assert.Equal("evaluate", upload.Scalar("with", "name"));
        var paths = upload.Scalar("with", "path").TrimEnd('\n').Split('\n');
        Assert.Equal("artifacts/churn/metrics.json", paths[0]);
        Assert.Equal(".trainyard/state/Evaluate-*.json", paths[1]);
        Assert.Equal("${{ steps.upload.outputs.artifact-url }}", evaluate.Scalar("outputs", "artifact-url"));
        // The comment links to the report's artifact: Report's job hands its address on as TRAINYARD_REPORT_URL.
        Assert.Equal("${{ needs.report.outputs.artifact-url }}", generated.Job("pull-request", "comment").RunStep().Scalar("env", "TRAINYARD_REPORT_URL"));
        Assert.Empty(generated.Job("pull-request", "comment").Uses("actions/upload-artifact"));
    }

    [Fact]
    public async Task ATargetWithoutOutputsRunsAgainInTheJobsAfterIt()
    {
        using var generated = await GeneratedWorkflows.OfAsync(new ChainBuild());

        // Package hands nothing on in files (its result is in a registry), so Deploy's job runs it again.
        Assert.Equal("./build.sh Deploy --skip Validate,Train,Evaluate", generated.Job("main", "deploy").RunStep().Scalar("run"));
        Assert.Equal(["validate", "train", "evaluate"], generated.Job("main", "deploy").Uses("actions/download-artifact").Select(s => s.Scalar("with", "name")));
    }

    [Fact]
    public async Task PermissionsAreReadOnlyExceptWhatATargetDeclares()
    {
        using var generated = await GeneratedWorkflows.OfAsync(new ChainBuild());

        var comment = generated.Job("pull-request", "comment");
        Assert.Equal(["contents", "pull-requests", "statuses"], comment.Keys("permissions"));
        Assert.Equal("write", comment.Scalar("permissions", "pull-requests"));
        Assert.Equal("read", comment.Scalar("permissions", "contents"));
        foreach (var job in new[] { "validate", "train", "evaluate", "report" })
            Assert.Equal(["contents"], generated.Job("pull-request", job).Keys("permissions"));
    }

    [Fact]
    public async Task TheDeployJobRunsInTheEnvironmentAndDeploysNeverOverlap()
    {
        using var generated = await GeneratedWorkflows.OfAsync(new ChainBuild());

        var main = generated.Workflow("main");
        Assert.Equal(["main"], main.Strings("on", "push", "branches"));
        Assert.Equal("deploy-production", main.Scalar("concurrency", "group"));
        Assert.Equal("false", main.Scalar("concurrency", "cancel-in-progress"));
        Assert.Equal("production", generated.Job("main", "deploy").Scalar("environment"));
        Assert.All(new[] { "validate", "train", "evaluate", "package" }, job => Assert.False(generated.Job("main", job).Has("environment")));
        // A pull request's newer push cancels the older run.
        Assert.Equal("true", generated.Workflow("pull-request").Scalar("concurrency", "cancel-in-progress"));
    }

    [Fact]
    public async Task SecretsTheWorkflowImportsReachEveryJobFromTheRepositorySecrets()
    {
        using var generated = await GeneratedWorkflows.OfAsync(new ChainBuild());

        foreach (var job in generated.Workflow("pull-request").Keys("jobs"))
            Assert.Equal("${{ secrets.GITHUB_TOKEN }}", generated.Job("pull-request", job).RunStep().Scalar("env", "TRAINYARD_GITHUB_TOKEN"));
        Assert.False(generated.Job("main", "deploy").RunStep().Has("env") && generated.Job("main", "deploy").RunStep().At("env").Has("TRAINYARD_GITHUB_TOKEN"));
    }

    [Fact]
    public async Task TheScheduleRunsOnItsCronAndByHand()
    {
        using var generated = await GeneratedWorkflows.OfAsync(new ChainBuild());

        var schedule = generated.Workflow("schedule");
        Assert.Equal("0 6 * * 1-5", schedule.Scalar("on", "schedule", "0", "cron"));
        Assert.True(schedule.At("on").Has("workflow_dispatch"));
    }

    [Fact]
    public async Task OneJobRunsThePlanInOneProcessAndKeepsEveryOutput()
    {
        using var generated = await GeneratedWorkflows.OfAsync(new ChainBuild());

        Assert.Equal(["nightly"], generated.Workflow("nightly").Keys("jobs"));
        var job = generated.Job("nightly", "nightly");
        Assert.Equal("./build.sh Retrain Comment", job.RunStep().Scalar("run"));
        Assert.Empty(job.Uses("actions/download-artifact"));
        Assert.Contains("artifacts/churn/monitor.json\n", job.Uses("actions/upload-artifact").Single().Scalar("with", "path"));
        Assert.Contains("artifacts/churn/report.html\n", job.Uses("actions/upload-artifact").Single().Scalar("with", "path"));
        Assert.Equal(["contents", "pull-requests", "statuses"], job.Keys("permissions"));
    }

    [Fact]
    public async Task AMissingArtifactIsLeftForTheTargetToReport()
    {
        using var generated = await GeneratedWorkflows.OfAsync(new ChainBuild());

        var downloads = generated.Job("pull-request", "report").Uses("actions/download-artifact");
        Assert.Equal(3, downloads.Length);
        Assert.All(downloads, d => Assert.Equal("true", d.Scalar("continue-on-error")));
    }

    [Fact]
    public async Task EachMatrixEntryGetsItsOwnChain()
    {
        using var generated = await GeneratedWorkflows.OfAsync(new ChainBuild());

        var pipelines = generated.Workflow("pipelines");
        Assert.Equal(["validate-churn", "train-churn", "evaluate-churn", "validate-fraud", "train-fraud", "evaluate-fraud"], pipelines.Keys("jobs"));
        Assert.Equal(["train-fraud"], generated.Job("pipelines", "evaluate-fraud").Strings("needs"));
        Assert.Equal("Evaluate (fraud)", generated.Job("pipelines", "evaluate-fraud").Scalar("name"));
        Assert.Equal("./build.sh Evaluate --skip Validate,Train --pipeline pipelines/fraud.yml", generated.Job("pipelines", "evaluate-fraud").RunStep().Scalar("run"));
        Assert.StartsWith("artifacts/fraud/metrics.json\n", generated.Job("pipelines", "evaluate-fraud").Uses("actions/upload-artifact").Single().Scalar("with", "path"));
        Assert.Equal("0", generated.Job("pipelines", "train-churn").Uses("actions/checkout").Single().Scalar("with", "fetch-depth"));
    }

    [Fact]
    public async Task EveryJobSetsUpDotnetWithTheNuGetCache()
    {
        using var generated = await GeneratedWorkflows.OfAsync(new ChainBuild());

        var train = generated.Job("pull-request", "train");
        Assert.Equal($"{Environment.Version.Major}.0.x", train.Uses("actions/setup-dotnet").Single().Scalar("with", "dotnet-version"));
        var cache = train.Uses("actions/cache").Single();
        Assert.Equal("~/.nuget/packages", cache.Scalar("with", "path"));
        Assert.Equal("${{ runner.os }}-nuget-${{ hashFiles('**/*.csproj', '**/*.props') }}", cache.Scalar("with", "key"));

        // A global.json pins the SDK instead.
        generated.Harness.Write("global.json", """{ "sdk": { "version": "10.0.100" } }""");
        await generated.Harness.RunAsync(new ChainBuild(), "Workflows");
        Assert.Equal("global.json", generated.Job("pull-request", "train").Uses("actions/setup-dotnet").Single().Scalar("with", "global-json-file"));
    }

    [Fact]
    public async Task TheSameBuildGeneratesTheSameTextWithTheMarkerFirst()
    {
        using var first = await GeneratedWorkflows.OfAsync(new ChainBuild());
        using var second = await GeneratedWorkflows.OfAsync(new ChainBuild());

        foreach (var name in new[] { "pull-request", "main", "schedule", "pipelines", "nightly" })
        {
            Assert.Equal(first.Text(name), second.Text(name));
            Assert.StartsWith("# generated by ./build.sh Workflows; do not edit", first.Text(name));
        }
        // The environment of whoever generates does not leak in.
        first.Harness.Environment["TRAINYARD_PIPELINE"] = "pipelines/other.yml";
        await first.Harness.RunAsync(new ChainBuild(), "Workflows");
        Assert.Equal(second.Text("pull-request"), first.Text("pull-request"));
    }

    /// <summary>Plays the pull-request workflow's jobs on three machines: each starts from the checkout plus the artifacts it downloads.</summary>
    [Fact]
    public async Task AJobRunsFromTheDownloadedOutputsWithoutRunningTheTargetsBeforeIt()
    {
        using var generated = await GeneratedWorkflows.OfAsync(new ChainBuild());
        var artifacts = new Dictionary<string, string>();
        foreach (var job in new[] { "validate", "train", "evaluate" })
        {
            using var machine = new BuildHarness();
            var yaml = generated.Job("pull-request", job);
            foreach (var download in yaml.Uses("actions/download-artifact"))
                CopyTree(artifacts[download.Scalar("with", "name")], machine.Root);
            var build = new ChainBuild();
            var command = yaml.RunStep().Scalar("run").Split(' ')[1..];

            var result = await machine.RunAsync(build, command);

            Assert.True(result.ExitCode == 0, machine.Output);
            Assert.Equal([char.ToUpperInvariant(job[0]) + job[1..]], build.Ran);
            var upload = yaml.Uses("actions/upload-artifact").Single();
            var kept = Path.Combine(generated.Harness.Root, "uploaded", job);
            foreach (var pattern in upload.Scalar("with", "path").TrimEnd('\n').Split('\n'))
            {
                var folder = Path.GetDirectoryName(Path.Combine(machine.Root, pattern))!;
                var path = Path.GetRelativePath(machine.Root, Directory.EnumerateFiles(folder, Path.GetFileName(pattern)).Single()).Replace('\\', '/');
                Directory.CreateDirectory(Path.GetDirectoryName(Path.Combine(kept, path))!);
                File.Copy(Path.Combine(machine.Root, path), Path.Combine(kept, path));
            }
            artifacts[upload.Scalar("with", "name")] = kept;
        }
    }

    static void CopyTree(string from, string to)
    {
        foreach (var file in Directory.EnumerateFiles(from, "*", SearchOption.AllDirectories))
        {
            var target = Path.Combine(to, Path.GetRelativePath(from, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target, overwrite: true);
        }
    }
}
