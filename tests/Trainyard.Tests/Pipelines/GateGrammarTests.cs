using Trainyard.Pipelines;

namespace Trainyard.Tests.Pipelines;

/// <summary>Every accepted gate form, and what each malformed gate says.</summary>
public class GateGrammarTests
{
    private static readonly SourceLocation At = new("pipelines/x.yml", 30, 7);

    private static GateRule Parse(string text) => GateExpression.Parse(text, At);

    [Theory]
    [InlineData("auc >= 0.80", "auc", GateOperator.AtLeast, 0.80)]
    [InlineData("p95_latency_ms <= 5", "p95_latency_ms", GateOperator.AtMost, 5)]
    [InlineData("log_loss < 0.5", "log_loss", GateOperator.Below, 0.5)]
    [InlineData("r2 > .7", "r2", GateOperator.Above, 0.7)]
    [InlineData("slice_gap.auc <= 0.10", "slice_gap.auc", GateOperator.AtMost, 0.10)]
    [InlineData("class.Adelie.recall >= 0.9", "class.Adelie.recall", GateOperator.AtLeast, 0.9)]
    [InlineData("class.high-risk.f1 >= 0.5", "class.high-risk.f1", GateOperator.AtLeast, 0.5)]
    [InlineData("residual.q_05>=-20000", "residual.q_05", GateOperator.AtLeast, -20000)]
    [InlineData("  throughput_rows_per_s   >   1e5  ", "throughput_rows_per_s", GateOperator.Above, 100000)]
    public void AbsoluteGateReadsMetricOperatorAndNumber(string text, string metric, GateOperator op, double value)
    {
        Assert.Equal(new GateRule(metric, op, value, AgainstBaseline: false, Percent: false, text, At), Parse(text));
    }

    [Theory]
    [InlineData("auc >= baseline - 0.01", "auc", GateOperator.AtLeast, -0.01, false)]
    [InlineData("rmse <= baseline + 5%", "rmse", GateOperator.AtMost, 0.05, true)]
    [InlineData("macro_f1 >= baseline-2.5%", "macro_f1", GateOperator.AtLeast, -0.025, true)]
    [InlineData("mae < baseline + 1000", "mae", GateOperator.Below, 1000, false)]
    [InlineData("accuracy > baseline", "accuracy", GateOperator.Above, 0, false)]
    [InlineData("auc >= baseline", "auc", GateOperator.AtLeast, 0, false)]
    public void BaselineGateReadsTheSignedAllowanceAndPercentAsAFraction(string text, string metric, GateOperator op, double value, bool percent)
    {
        var rule = Parse(text);

        Assert.Equal((metric, op, true, percent, text, At), (rule.Metric, rule.Operator, rule.AgainstBaseline, rule.Percent, rule.Text, rule.Location));
        Assert.Equal(value, rule.Value, 12);
    }

    [Theory]
    [InlineData("auc 0.8", "it has no comparison")]
    [InlineData("auc => 0.8", "'=>' is not a comparison; did you mean '>='?")]
    [InlineData("rmse =< 100", "'=<' is not a comparison; did you mean '<='?")]
    [InlineData("auc == 0.8", "'==' asks for an exact value, which a measured metric rarely has; use >= or <=")]
    [InlineData("auc = 0.8", "'=' asks for an exact value, which a measured metric rarely has; use >= or <=")]
    [InlineData("auc != 0.8", "'!=' is not a comparison")]
    [InlineData(">= 0.8", "it has no metric before '>='")]
    [InlineData("auc >=", "it has no value after '>='")]
    [InlineData("AUC score >= 0.8", "'AUC score' is not a metric name (letters, digits, '_' and '-', parts joined by dots, e.g. slice_gap.auc)")]
    [InlineData("slice_gap..auc <= 0.1", "'slice_gap..auc' is not a metric name (letters, digits, '_' and '-', parts joined by dots, e.g. slice_gap.auc)")]
    [InlineData("95p_latency <= 5", "'95p_latency' is not a metric name (letters, digits, '_' and '-', parts joined by dots, e.g. slice_gap.auc)")]
    [InlineData("auc >= high", "'high' is neither a number nor 'baseline [+|-] <number>[%]'")]
    [InlineData("auc >= baseline * 0.99", "'baseline * 0.99' is neither a number nor 'baseline [+|-] <number>[%]'")]
    [InlineData("auc >= baseline - -0.01", "'baseline - -0.01' is neither a number nor 'baseline [+|-] <number>[%]'")]
    [InlineData("auc >= baseline - 1%%", "'baseline - 1%%' is neither a number nor 'baseline [+|-] <number>[%]'")]
    [InlineData("auc >= 0.8 and auc <= 1", "'0.8 and auc <= 1' is neither a number nor 'baseline [+|-] <number>[%]'")]
    [InlineData("rmse <= 5%", "a percentage is a change against the baseline; write 'rmse <= baseline + 5%' or '- 5%'")]
    public void MalformedGateSaysWhatIsWrongAndTheExpectedForms(string text, string reason)
    {
        var error = Assert.Throws<TrainyardException>(() => Parse(text));

        Assert.Equal($"pipelines/x.yml:30:7: gate '{text.Trim()}' is not understood: {reason}; {GateExpression.Forms}", error.Message);
        Assert.Equal(At, error.Location);
    }

    [Fact]
    public void ExpectedFormsNameBothShapesAndEveryOperator()
    {
        Assert.Equal("expected '<metric> <op> <number>' or '<metric> <op> baseline [+|-] <number>[%]' with <op> one of >=, <=, >, < "
            + "(e.g. auc >= 0.80, auc >= baseline - 0.01, rmse <= baseline + 5%)", GateExpression.Forms);
    }
}
