using Trainyard.Pipelines;

namespace Trainyard.Tests.Monitoring;

/// <summary>The spec's <c>monitor</c> section: defaults, every key read, and mistakes at their line.</summary>
public class MonitorSectionTests
{
    // Six lines, so "monitor:" is line 7 and its first key line 8.
    const string Head = "name: x\ntask: binary\ndata:\n  path: data/x.csv\n  label: y\n  positive_class: bad\n";

    static MonitorSpec Read(string section) => PipelineSpec.Parse(Head + section, "pipelines/x.yml").Monitor;

    static string Fails(string section) => Assert.Throws<TrainyardException>(() => PipelineSpec.Parse(Head + section, "pipelines/x.yml")).Message;

    [Fact]
    public void WithoutTheSectionMonitorUsesItsDefaults()
    {
        var monitor = PipelineSpec.Parse(Head, "pipelines/x.yml").Monitor;
        Assert.Equal((TimeSpan.FromHours(24), null, MonitorNoData.Fail, 100), (monitor.Since, monitor.Log, monitor.NoData, monitor.MinRows));
        Assert.Equal([RetrainCause.Drift, RetrainCause.Quality], monitor.RetrainOn);
        Assert.Empty(monitor.Gates);
    }

    [Fact]
    public void EveryKeyIsRead()
    {
        var monitor = Read("monitor:\n  since: 12h\n  log: logs/credit-risk\n  no_data: pass\n  min_rows: 500\n  retrain_on: [quality]\n"
            + "  gates: [auc >= evaluated - 0.05, estimated.auc >= evaluated - 0.05, psi_score <= 0.2]\n");
        Assert.Equal((TimeSpan.FromHours(12), "logs/credit-risk", MonitorNoData.Pass, 500), (monitor.Since, monitor.Log, monitor.NoData, monitor.MinRows));
        Assert.Equal([RetrainCause.Quality], monitor.RetrainOn);
        var gate = monitor.Gates[1];
        Assert.Equal(("estimated.auc", GateOperator.AtLeast, -0.05, true), (gate.Metric, gate.Operator, gate.Value, gate.AgainstBaseline));
        Assert.Equal(("psi_score", 0.2, false), (monitor.Gates[2].Metric, monitor.Gates[2].Value, monitor.Gates[2].AgainstBaseline));
    }

    [Fact]
    public void MistakesAreNamedAtTheirLine()
    {
        Assert.Contains("pipelines/x.yml:8", Fails("monitor:\n  since: 24\n"));
        Assert.Contains("needs a unit", Fails("monitor:\n  since: 24\n"));
        Assert.Contains("'no_data' must be one of fail, pass", Fails("monitor:\n  no_data: pause\n"));
        Assert.Contains("'retrain_on' lists drift and/or quality, got 'latency'", Fails("monitor:\n  retrain_on: [drift, latency]\n"));
        Assert.Contains("'baseline' is not 'evaluated'", Fails("monitor:\n  gates: [auc >= baseline - 0.01]\n"));
        Assert.Contains("unknown key", Fails("monitor:\n  windo: 24h\n").ToLowerInvariant());
    }
}
