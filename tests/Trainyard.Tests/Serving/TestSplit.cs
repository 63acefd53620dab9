using System.Globalization;
using System.Text.Json;
using Trainyard.Packaging;
using Trainyard.Pipelines;
using Trainyard.Runtime.Packaging;
using Trainyard.Tests.Components;

namespace Trainyard.Tests.Serving;

/// <summary>
/// The credit-risk sample's test split as requests — each row read back from the data file, as example.json reads its
/// rows — with the label and probabilities Evaluate wrote for it in predictions.csv: the independent expectation for
/// every server test that scores the whole split (a process, or a container).
/// </summary>
internal sealed record TestSplit(IReadOnlyList<JsonElement> Rows, IReadOnlyList<(string Label, double Good, double Bad)> Expected)
{
    const string Predictions = "artifacts/credit-risk/predictions.csv";

    /// <summary>Reads the split of a sample repository that ran Package (<paramref name="layout"/> holds v1).</summary>
    public static async Task<TestSplit> ReadAsync(SampleRepository repository, string layout)
    {
        var package = await ModelPackage.LoadAsync(layout, "v1", CancellationToken.None);
        var spec = PipelineSpec.Load(Path.Combine(repository.Root, "pipelines/credit-risk.yml"));
        var (names, inputs) = await ExampleInputs.ReadAsync(spec, repository.Root, Predictions, package.ReadFeaturizer(), int.MaxValue, CancellationToken.None);
        var lines = repository.ReadLines(Predictions);
        Assert.Equal("line,label,prediction,probability_good,probability_bad", lines[0]);
        var expected = lines.Skip(1).Select(line => line.Split(',')).ToList();
        Assert.Equal(expected.Select(fields => fields[0]), names);
        return new TestSplit(inputs, [.. expected.Select(f => (f[2], Number(f[3]), Number(f[4])))]);
    }

    /// <summary>
    /// The server's answers, one per row in order, equal predictions.csv within 1e-6: predictions.csv came from
    /// Evaluate's batch path (PredictBatch over the training matrix), the answers from the server's row path.
    /// </summary>
    public void AssertAnswers(IReadOnlyList<JsonElement> answered)
    {
        Assert.Equal(Expected.Count, answered.Count);
        for (var i = 0; i < answered.Count; i++)
        {
            var (label, good, bad) = Expected[i];
            Assert.Equal(label, answered[i].GetProperty("label").GetString());
            Assert.Equal(good, answered[i].GetProperty("probabilities").GetProperty("good").GetDouble(), 1e-6);
            Assert.Equal(bad, answered[i].GetProperty("probabilities").GetProperty("bad").GetDouble(), 1e-6);
        }
    }

    static double Number(string text) => double.Parse(text, CultureInfo.InvariantCulture);
}
