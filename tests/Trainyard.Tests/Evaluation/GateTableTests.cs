using Spectre.Console;
using Trainyard.Artifacts.Metrics;
using Trainyard.Evaluation;
using Trainyard.Pipelines;
using static Trainyard.Tests.Evaluation.Reports;

namespace Trainyard.Tests.Evaluation;

public sealed class GateTableTests
{
    private static GateReport Check(params GateRule[] rules) =>
        GateCheck.Evaluate(new GatesSpec { Rules = rules }, Candidate(), Baseline(), "baseline/metrics.json");

    private static string Render(GateReport report)
    {
        var writer = new StringWriter();
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Ansi = AnsiSupport.No, ColorSystem = ColorSystemSupport.NoColors, Interactive = InteractionSupport.No,
            Out = new AnsiConsoleOutput(writer),
        });
        console.Profile.Width = 200;
        GateTable.Render(console, report);
        return writer.ToString();
    }

    [Fact]
    public void TableShowsValueBaselineDeltaThresholdAndVerdictPerGate()
    {
        var output = Render(Check(Gate("auc", GateOperator.AtLeast, -0.01, againstBaseline: true), Gate("log_loss", GateOperator.AtMost, 1)));

        Assert.Contains("Gates (baseline: baseline/metrics.json)", output);
        var auc = output.Split('\n').Single(line => line.Contains("auc AtLeast"));
        foreach (var cell in new[] { "0.6818", "0.7", "-0.01818 (-2.597%)", ">= 0.69", "FAILED auc 0.6818 < 0.69 (short by 0.008182)" })
            Assert.Contains(cell, auc);
        var logLoss = output.Split('\n').Single(line => line.Contains("log_loss AtMost"));
        Assert.Contains("passed log_loss 0.6537 <= 1 (margin 0.3463)", logLoss);
        Assert.Contains("1 of 2 gate(s) failed: auc 0.6818 < 0.69 (short by 0.008182).", output);
    }

    [Fact]
    public void SummarySaysAllPassedOrListsTheFailures()
    {
        Assert.Equal("All 1 gate(s) passed.", GateTable.Summary(Check(Gate("auc", GateOperator.AtLeast, 0.5))));
        Assert.Equal("No gates to check.", GateTable.Summary(Check()));
        Assert.Equal("1 of 1 gate(s) failed: auc 0.6818 < 0.9 (short by 0.2182).", GateTable.Summary(Check(Gate("auc", GateOperator.AtLeast, 0.9))));
    }

    [Fact]
    public void DeltaTextShowsAbsoluteAndRelativeChangeWithSigns()
    {
        var logLoss = Check(Gate("log_loss", GateOperator.AtMost, 1)).Results.Single();

        // (0.653721584531616 - 0.70) / 0.70 = -0.0661…
        Assert.Equal("-0.04628 (-6.611%)", GateTable.DeltaText(logLoss));
    }
}
