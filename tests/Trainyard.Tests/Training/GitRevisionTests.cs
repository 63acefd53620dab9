using Trainyard.Tests.Consumer;
using Trainyard.Training;

namespace Trainyard.Tests.Training;

public sealed class GitRevisionTests : IDisposable
{
    readonly string _root = Directory.CreateTempSubdirectory("trainyard-lineage-").FullName;

    public GitRevisionTests()
    {
        Write("pipelines/x.yml", "name: x\n");
        Write("pipelines/x.schema.yml", "columns: []\n");
        Write("data/x.csv", "a,b\n1,2\n");
        Write(".gitignore", "artifacts/\n");
    }

    [Fact]
    public async Task UntrackedSpecMakesTheRunDirty()
    {
        await GitAsync("init", "-q");
        await GitAsync("add", "data/x.csv", "pipelines/x.schema.yml", ".gitignore");
        await CommitAsync();

        var source = await GitRevision.ReadAsync(_root, Inputs, CancellationToken.None);

        Assert.NotNull(source.Commit);
        Assert.True(source.Dirty);
    }

    [Fact]
    public async Task IgnoredDataFileMakesTheRunDirty()
    {
        Write(".gitignore", "artifacts/\ndata/\n");
        await GitAsync("init", "-q");
        await GitAsync("add", ".");
        await CommitAsync();

        var source = await GitRevision.ReadAsync(_root, Inputs, CancellationToken.None);

        Assert.True(source.Dirty);
    }

    [Fact]
    public async Task CommittedInputsWithUntrackedOutputsAreClean()
    {
        await GitAsync("init", "-q");
        await GitAsync("add", ".");
        await CommitAsync();
        Write("artifacts/x/run.json", "{}");
        Write("notes.txt", "an untracked file the run did not read");

        var source = await GitRevision.ReadAsync(_root, Inputs, CancellationToken.None);

        Assert.False(source.Dirty);
    }

    [Fact]
    public async Task ModifiedSchemaMakesTheRunDirty()
    {
        await GitAsync("init", "-q");
        await GitAsync("add", ".");
        await CommitAsync();
        Write("pipelines/x.schema.yml", "columns: [changed]\n");

        var source = await GitRevision.ReadAsync(_root, Inputs, CancellationToken.None);

        Assert.True(source.Dirty);
    }

    string[] Inputs => [Path.Combine(_root, "pipelines/x.yml"), "pipelines/x.schema.yml", "data/x.csv"];

    void Write(string relative, string text)
    {
        var path = Path.Combine(_root, relative);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, text);
    }

    Task CommitAsync() => GitAsync("-c", "user.name=Test", "-c", "user.email=test@example.com", "commit", "-q", "-m", "inputs");

    async Task GitAsync(params string[] arguments) => (await ChildProcess.RunAsync(_root, "git", arguments)).Succeeds();

    public void Dispose() => Directory.Delete(_root, recursive: true);
}
