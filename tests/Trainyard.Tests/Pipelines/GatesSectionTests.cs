using Trainyard.Pipelines;

namespace Trainyard.Tests.Pipelines;

/// <summary>The <c>gates</c> section: the no-baseline rule, the rule list, and where a bad gate is reported.</summary>
public class GatesSectionTests
{
    private const string Head = "name: x\ntask: regression\ndata:\n  path: data/x.csv\n  label: y\n";

    private static string Fails(string section) =>
        Assert.Throws<TrainyardException>(() => PipelineSpec.Parse(Head + section, "pipelines/x.yml")).Message;

    [Fact]
    public void RulesAreReadInOrderWithTheirLocations()
    {
        var gates = PipelineSpec.Parse(Head + """
            gates:
              when_no_baseline: fail
              rules:
                - r2 >= 0.85
                - rmse <= baseline + 5%   # may grow 5% at most
                - "mae < 20000"
            """, "pipelines/x.yml").Gates;

        Assert.Equal(NoBaselinePolicy.Fail, gates.WhenNoBaseline);
        Assert.Equal(
            [
                new GateRule("r2", GateOperator.AtLeast, 0.85, false, false, "r2 >= 0.85", new("pipelines/x.yml", 9, 7)),
                new GateRule("rmse", GateOperator.AtMost, 0.05, true, true, "rmse <= baseline + 5%", new("pipelines/x.yml", 10, 7)),
                new GateRule("mae", GateOperator.Below, 20000, false, false, "mae < 20000", new("pipelines/x.yml", 11, 7)),
            ],
            gates.Rules);
    }

    [Fact]
    public void EmptyGatesSectionMeansNoRulesAndPassWithoutBaseline()
    {
        var gates = PipelineSpec.Parse(Head + "gates:\n  rules: []\n", "pipelines/x.yml").Gates;

        Assert.Empty(gates.Rules);
        Assert.Equal(NoBaselinePolicy.Pass, gates.WhenNoBaseline);
    }

    [Fact]
    public void MalformedGateIsReportedAtItsLineAndColumnWithTheExpectedForms()
    {
        var error = Fails("gates:\n  rules:\n    - r2 >= 0.8\n    - rmse <== 30000\n");

        Assert.Equal("pipelines/x.yml:9:7: gate 'rmse <== 30000' is not understood: '<==' is not a comparison; " + GateExpression.Forms, error);
    }

    [Theory]
    [InlineData("gates:\n  rules:\n    - r2: 0.8\n",
        "pipelines/x.yml:8:7: each gate is one line such as 'auc >= 0.80', got a mapping (write 'auc >= 0.8', not 'auc: 0.8'); ")]
    [InlineData("gates:\n  rules:\n    -\n    - r2 >= 0.8\n", "pipelines/x.yml:8:6: this gate is empty; ")]
    [InlineData("gates:\n  rules:\n    - [r2, 0.8]\n", "pipelines/x.yml:8:7: each gate is one line such as 'auc >= 0.80', got a list; ")]
    public void GateThatIsNotOneLineIsReportedAtTheItem(string section, string expectedStart)
    {
        Assert.Equal(expectedStart + GateExpression.Forms, Fails(section));
    }

    [Theory]
    [InlineData("gates:\n  rules: r2 >= 0.8\n",
        "pipelines/x.yml:7:10: 'rules' expects a list of gates, one per line such as '- auc >= 0.80', got 'r2 >= 0.8'")]
    [InlineData("gates:\n  when_no_baseline: skip\n", "pipelines/x.yml:7:21: 'when_no_baseline' must be one of pass, fail; got 'skip'.")]
    [InlineData("gates:\n  rule: []\n", "pipelines/x.yml:7:3: unknown key 'rule' in 'gates'; did you mean 'rules'? allowed keys here: when_no_baseline, rules")]
    [InlineData("gates:\n  - r2 >= 0.8\n", "pipelines/x.yml:7:3: 'gates' expects a mapping of keys (when_no_baseline, rules), got a list")]
    public void MistakeInTheSectionIsReportedAtTheValue(string section, string expected)
    {
        Assert.Equal(expected, Fails(section));
    }
}
