using Trainyard.Data.Files;
using Trainyard.Data.Profiling;
using Trainyard.Data.Table;
using Trainyard.Data.Validation;
using Trainyard.Pipelines;

namespace Trainyard.Tests.Data.Files;

/// <summary>data.window with data.time: the rows of the window that ends at the newest time in the data.</summary>
public sealed class DataWindowTests : IDisposable
{
    readonly TemporaryRoot _temporary = new();

    string Root => _temporary.Path;

    public void Dispose() => _temporary.Dispose();

    void Write(string relative, string text) => _temporary.Write(relative, text);

    static PipelineSpec Spec(string path, string window = "  window: 90d\n  time: day\n") => PipelineSpec.Parse(
        $"name: churn\ntask: binary\ndata:\n  path: {path}\n  label: churned\n  positive_class: yes\n{window}", "pipelines/churn.yml");

    async Task<IReadOnlyList<string?>> IdsReadByTrainAsync(PipelineSpec spec)
    {
        var source = await DataSource.OpenAsync(spec, Root, CancellationToken.None);
        var table = await DataTable.ReadAsync(spec.Data.Path, source.Shown, source.Format, null, ColumnTypeInference.DefaultMaxCategories, source.Window);
        return [.. Enumerable.Range(0, table.RowCount).Select(r => table["id"].Text(r))];
    }

    // The newest day is 2026-06-30; 90 days before it is 2026-04-01 (30 + 31 + 29 days back from June 30 to April 1).
    // The window is (2026-04-01, 2026-06-30]: April 1 itself is 90 days old and out; April 2 is in.
    const string Rows = """
        id,day,churned
        a,2026-01-01,no
        b,2026-04-01,yes
        c,2026-04-02,no
        d,,yes
        e,2026-06-30T00:00:00Z,no
        f,2026-05-15,yes
        """;

    [Fact]
    public async Task TheWindowEndsAtTheNewestTimeInTheData()
    {
        Write("data/churn.csv", Rows + "\n");

        var source = await DataSource.OpenAsync(Spec("data/churn.csv"), Root, CancellationToken.None);
        var ids = await IdsReadByTrainAsync(Spec("data/churn.csv"));

        Assert.Equal(new DateTime(2026, 6, 30, 0, 0, 0, DateTimeKind.Utc), source.Window!.Until);
        Assert.Equal(new DateTime(2026, 4, 1, 0, 0, 0, DateTimeKind.Utc), source.Window.After);
        Assert.Equal(["c", "e", "f"], ids); // a too old, b on the open edge, d has no time
    }

    [Fact]
    public async Task ValidationSeesTheSameRowsAsTraining()
    {
        Write("data/churn.csv", Rows + "\n");
        var spec = Spec("data/churn.csv");

        var scan = await ProfileScan.RunAsync(spec, Root, null, "id", ProfileOptions.Default, null, CancellationToken.None);

        Assert.Equal(3, scan.RowCount);
        Assert.Equal((await IdsReadByTrainAsync(spec)).Count, scan.RowCount);
    }

    [Fact]
    public async Task WithoutAWindowEveryRowIsRead()
    {
        Write("data/churn.csv", Rows + "\n");

        Assert.Equal(6, (await IdsReadByTrainAsync(Spec("data/churn.csv", window: ""))).Count);
    }

    [Fact]
    public async Task TheWindowSpansFilesAndEndsInTheNewestOne()
    {
        Write("data/churn/2026-q1.csv", "id,day,churned\na,2026-01-10,no\nb,2026-03-20,yes\n");
        Write("data/churn/2026-q2.csv", "id,day,churned\nc,2026-04-05,no\nd,2026-05-01,yes\n");

        var ids = await IdsReadByTrainAsync(Spec("data/churn/*.csv", "  window: 45d\n  time: day\n"));

        // Newest 2026-05-01; 45 days earlier is 2026-03-17: b (March 20) is in, a is out.
        Assert.Equal(["b", "c", "d"], ids);
    }

    [Fact]
    public async Task ATimeThatIsNotADateNamesFileLineAndColumn()
    {
        Write("data/churn/a.csv", "id,day,churned\na,2026-01-10,no\n");
        Write("data/churn/b.csv", "id,day,churned\nb,2026-02-01,no\nc,soon,yes\n");

        var error = await Assert.ThrowsAnyAsync<TrainyardException>(() => DataSource.OpenAsync(Spec("data/churn/*.csv"), Root, CancellationToken.None));

        Assert.Contains("data/churn/b.csv line 3, column 'day'", error.Message);
        Assert.Contains("'soon'", error.Message);
    }

    [Fact]
    public async Task ATimeColumnNotInTheDataNamesTheSpecLine()
    {
        Write("data/churn.csv", Rows + "\n");

        var error = await Assert.ThrowsAnyAsync<TrainyardException>(() =>
            DataSource.OpenAsync(Spec("data/churn.csv", "  window: 90d\n  time: signup\n"), Root, CancellationToken.None));

        Assert.StartsWith("pipelines/churn.yml:8:9: data.time: 'signup' is not a column of data/churn.csv", error.Message);
    }

    [Theory]
    [InlineData("  window: 90d\n", "pipelines/churn.yml:7:11: 'window' needs 'time' beside it")]
    [InlineData("  time: day\n", "pipelines/churn.yml:7:9: 'time' names the column data.window is measured on")]
    [InlineData("  window: 90\n  time: day\n", "pipelines/churn.yml:7:11: 'window' needs a unit")]
    [InlineData("  window: 0d\n  time: day\n", "pipelines/churn.yml:7:11: 'window' must be more than 0")]
    public void SpecMistakesNameFileLineAndColumn(string window, string message)
    {
        var error = Assert.Throws<TrainyardException>(() => Spec("data/churn.csv", window));

        Assert.StartsWith(message, error.Message);
    }

    [Fact]
    public void AWindowReadsInDays() =>
        Assert.Equal(TimeSpan.FromDays(90), Spec("data/churn.csv").Data.Window);
}
