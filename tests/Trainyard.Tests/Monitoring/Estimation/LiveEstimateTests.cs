using System.Text.Json;
using Trainyard.Monitoring.Estimation;

namespace Trainyard.Tests.Monitoring.Estimation;

/// <summary>The streaming estimate Monitor feeds with logged predictions gives ConfidenceBasedEstimate's numbers.</summary>
public sealed class LiveEstimateTests
{
    static readonly string[] Classes = ["a", "b", "c"];

    /// <summary>Deterministic three-class rows whose true class follows the probabilities.</summary>
    static (int[] Labels, double[][] Rows) Sample(int n, int offset)
    {
        var rows = Enumerable.Range(offset, n).Select(i =>
        {
            double a = (i * 37 % 101) + 1, b = (i * 53 % 89) + 1, c = (i * 29 % 71) + 1;
            return new[] { a / (a + b + c), b / (a + b + c), c / (a + b + c) };
        }).ToArray();
        var labels = rows.Select((p, i) => ((i * 61) % 97) / 97.0 is var u && u < p[0] ? 0 : u < p[0] + p[1] ? 1 : 2).ToArray();
        return (labels, rows);
    }

    static JsonElement Logged(double[] p, IReadOnlyList<string> classes) =>
        JsonSerializer.SerializeToElement(new { label = classes[Array.IndexOf(p, p.Max())], probabilities = classes.Select((c, k) => (c, p[k])).ToDictionary(e => e.c, e => e.Item2) });

    [Fact]
    public void MulticlassEqualsTheEstimateOverAllRows()
    {
        var (labels, rows) = Sample(300, 0);
        var calibrations = IsotonicCalibration.FitOneVsRest(labels, rows, 3);
        var (_, live) = Sample(400, 1000);
        var estimate = new LiveEstimate(binary: false, Classes, calibrations, threshold: 0.5);

        foreach (var row in live) estimate.Add(Logged(row, Classes));
        estimate.Add(JsonSerializer.SerializeToElement(new { label = "a" })); // no probabilities: left out

        var expected = ConfidenceBasedEstimate.Multiclass(calibrations, live).Metrics;
        var result = estimate.Result();
        Assert.Equal(LiveEstimate.Names("multiclass").Order(), result.Keys.Order());
        foreach (var name in new[] { "accuracy", "macro_f1", "macro_precision", "macro_recall" })
            Assert.Equal(expected[name]!.Value, result[name]!.Value, 1e-9);
        // The AUC's scores are summed in 2⁻¹⁶ bins: equal to the exact curve well within its noise.
        Assert.Equal(expected["macro_auc"]!.Value, result["macro_auc"]!.Value, 1e-4);
    }

    [Fact]
    public void BinaryEqualsTheEstimateOverAllRows()
    {
        var scores = Enumerable.Range(0, 500).Select(i => ((i * 7919) % 1000 + 0.5) / 1000).ToArray();
        var labels = scores.Select((s, i) => ((i * 53) % 97) / 97.0 < s ? 1 : 0).ToArray();
        var calibration = IsotonicCalibration.Fit(scores[..250], labels[..250]);
        var estimate = new LiveEstimate(binary: true, ["bad"], [calibration], threshold: 0.4);

        foreach (var s in scores[250..]) estimate.Add(Logged([1 - s, s], ["good", "bad"]));

        var expected = ConfidenceBasedEstimate.Binary(calibration, scores[250..], 0.4).Metrics;
        var result = estimate.Result();
        foreach (var name in new[] { "accuracy", "precision", "recall", "f1" }) Assert.Equal(expected[name]!.Value, result[name]!.Value, 1e-9);
        Assert.Equal(expected["auc"]!.Value, result["auc"]!.Value, 1e-4);
    }
}
