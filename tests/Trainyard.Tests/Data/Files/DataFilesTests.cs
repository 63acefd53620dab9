using Trainyard.Data;
using Trainyard.Data.Files;
using Trainyard.Data.Profiling;
using Trainyard.Data.Table;
using Trainyard.Data.Validation;
using Trainyard.Pipelines;

namespace Trainyard.Tests.Data.Files;

/// <summary>data.path naming a folder or a pattern of dated CSV files: read in ordinal name order as one table.</summary>
public sealed class DataFilesTests : IDisposable
{
    readonly TemporaryRoot _temporary = new();

    string Root => _temporary.Path;

    public void Dispose() => _temporary.Dispose();

    void Write(string relative, string text) => _temporary.Write(relative, text);

    PipelineSpec Spec(string path, string extra = "") => PipelineSpec.Parse(
        $"name: churn\ntask: binary\ndata:\n  path: {path}\n  label: churned\n  positive_class: yes\n{extra}", "pipelines/churn.yml");

    async Task<DataTable> ReadAsync(PipelineSpec spec)
    {
        var source = await DataSource.OpenAsync(spec, Root, CancellationToken.None);
        return await DataTable.ReadAsync(spec.Data.Path, source.Shown, source.Format, null, ColumnTypeInference.DefaultMaxCategories, source.Window);
    }

    [Fact]
    public async Task PatternReadsFilesInOrdinalNameOrderAsOneTable()
    {
        // Written out of order; "2026-10" sorts after "2026-02" by ordinal name, as dated names should.
        Write("data/churn/2026-10.csv", "id,churned\nc,no\n");
        Write("data/churn/2026-01.csv", "id,churned\na1,yes\na2,no\n");
        Write("data/churn/2026-02.csv", "id,churned\n\nb,yes\n"); // a blank line: b is on line 3
        Write("data/churn/notes.txt", "not data");

        var table = await ReadAsync(Spec("data/churn/*.csv"));

        Assert.Equal(["a1", "a2", "b", "c"], Enumerable.Range(0, table.RowCount).Select(r => table["id"].Text(r)));
        Assert.Equal(["2026-01.csv:2", "2026-01.csv:3", "2026-02.csv:3", "2026-10.csv:2"], Enumerable.Range(0, table.RowCount).Select(table.LineName));
        Assert.EndsWith("data/churn/2026-02.csv line 3", table.Where(2));
    }

    [Fact]
    public async Task FolderReadsItsCsvFilesOnly()
    {
        Write("data/churn/b.csv", "id,churned\nb,no\n");
        Write("data/churn/a.csv", "id,churned\na,yes\n");
        Write("data/churn/readme.md", "id,churned\nx,no\n");

        var files = DataFiles.Resolve(Root, "data/churn");
        var table = await ReadAsync(Spec("data/churn"));

        Assert.Equal(["data/churn/a.csv", "data/churn/b.csv"], files.Paths);
        Assert.Equal(["a", "b"], Enumerable.Range(0, table.RowCount).Select(r => table["id"].Text(r)));
    }

    [Fact]
    public async Task OneFileReadsAsBefore()
    {
        Write("data/churn.csv", "id,churned\na,yes\nb,no\n");

        var table = await ReadAsync(Spec("data/churn.csv"));

        Assert.True(DataFiles.Resolve(Root, "data/churn.csv").IsSingle);
        Assert.Equal([2L, 3L], table.RowLines);
        Assert.Equal("3", table.LineName(1));
    }

    [Theory]
    [InlineData("id,churned,extra\nb,no,1\n", "column 'extra'", "extra column 'extra' (column 3)")]
    [InlineData("churned,id\nno,b\n", "column 'id'", "column 1 is 'churned' where")]
    [InlineData("id\nb\n", "column 'churned'", "lacks 'churned' (column 2)")]
    public async Task AHeaderThatDiffersNamesTheFileAndTheColumn(string second, string column, string problem)
    {
        Write("data/churn/2026-01.csv", "id,churned\na,yes\n");
        Write("data/churn/2026-02.csv", second);

        var error = await Assert.ThrowsAnyAsync<TrainyardException>(() => ReadAsync(Spec("data/churn/*.csv")));

        Assert.Contains("data/churn/2026-02.csv line 1", error.Message);
        Assert.Contains(column, error.Message);
        Assert.Contains(problem, error.Message);
        Assert.Contains("2026-01.csv", error.Message); // the file whose header it should have had
    }

    [Fact]
    public async Task ASyntaxErrorNamesTheFileAndItsOwnLine()
    {
        Write("data/churn/2026-01.csv", "id,churned\na,yes\nb,no\n");
        Write("data/churn/2026-02.csv", "id,churned\nc,no\nd,no,surplus\n");

        var error = await Assert.ThrowsAnyAsync<TrainyardException>(() => ReadAsync(Spec("data/churn/*.csv")));

        Assert.Contains("data/churn/2026-02.csv line 3", error.Message);
        Assert.Contains("expected 2 fields", error.Message);
    }

    [Fact]
    public async Task ValidationNamesExampleLinesWithTheirFiles()
    {
        Write("data/churn/2026-01.csv", "id,churned\na,yes\nb,no\n");
        Write("data/churn/2026-02.csv", "id,churned\nc,no\na,no\n");
        var spec = Spec("data/churn/*.csv");

        var scan = await ProfileScan.RunAsync(spec, Root, null, "id", ProfileOptions.Default, null, CancellationToken.None);

        Assert.Equal(4, scan.RowCount);
        var repeat = Assert.Single(scan.DuplicateIds!.Examples);
        Assert.Equal("2026-02.csv:3", DataLine.Name(scan.Files, repeat.Line));
        Assert.Equal("2026-01.csv:2", DataLine.Name(scan.Files, repeat.FirstLine));
    }

    [Fact]
    public async Task APatternThatMatchesNothingSaysSo()
    {
        Directory.CreateDirectory(Path.Combine(Root, "data/churn"));

        var error = await Assert.ThrowsAnyAsync<TrainyardException>(() => ReadAsync(Spec("data/churn/*.csv")));

        Assert.Contains("no file matches data.path data/churn/*.csv", error.Message);
    }

    [Fact]
    public void WildcardsInFoldersAreASpecErrorAtTheValue()
    {
        var error = Assert.Throws<TrainyardException>(() => Spec("data/*/x.csv"));

        Assert.StartsWith("pipelines/churn.yml:4:9: 'path': wildcards are allowed in the file name only", error.Message);
    }

    [Fact]
    public async Task TheDataHashCoversEveryFile()
    {
        Write("data/churn/2026-01.csv", "id,churned\na,yes\n");
        Write("data/churn/2026-02.csv", "id,churned\nb,no\n");
        var before = await DataFiles.Resolve(Root, "data/churn/*.csv").Sha256Async(Root, CancellationToken.None);

        Write("data/churn/2026-03.csv", "id,churned\nc,no\n");
        var added = await DataFiles.Resolve(Root, "data/churn/*.csv").Sha256Async(Root, CancellationToken.None);

        Assert.NotEqual(before, added);
        Assert.Equal(3, DataFiles.Inputs(Root, "data/churn/*.csv").Count);
        Assert.Equal(["data/other/*.csv"], DataFiles.Inputs(Root, "data/other/*.csv")); // recorded as missing, not dropped
    }
}
