using YamlDotNet.RepresentationModel;

namespace Trainyard.Pipelines;

/// <summary>Reads the <c>monitor</c> section (docs/monitor.md).</summary>
internal static class MonitorReader
{
    public static readonly IReadOnlyList<string> Keys = ["since", "log", "no_data", "min_rows", "retrain_on", "gates"];

    /// <summary>The word a monitor gate compares with: the version's evaluated metric.</summary>
    public static readonly GateGrammar Grammar =
        new("gate", "evaluated", "auc >= evaluated - 0.05, estimated.auc >= evaluated - 0.05, psi_score <= 0.2, p99_latency_ms <= 250");

    public static MonitorSpec Read(YamlSection section)
    {
        var defaults = new MonitorSpec();
        return new MonitorSpec
        {
            Since = section.Positive("since", section.Duration("since", defaults.Since)),
            Log = section.Text("log"),
            NoData = section.Choice("no_data", defaults.NoData),
            MinRows = (int)section.InRange("min_rows", section.WholeNumber("min_rows", defaults.MinRows), 1),
            RetrainOn = ReadRetrainOn(section) ?? defaults.RetrainOn,
            Gates = GatesReader.ReadList(section, "gates", Grammar, "auc >= evaluated - 0.05") ?? [],
        };
    }

    static IReadOnlyList<RetrainCause>? ReadRetrainOn(YamlSection section)
    {
        if (section.Node("retrain_on") is YamlScalarNode { Value: "none" or "[]" }) return [];
        if (section.TextList("retrain_on") is not { } words) return null;
        return [.. words.Select(word => word switch
        {
            "drift" => RetrainCause.Drift,
            "quality" => RetrainCause.Quality,
            _ => throw section.Error("retrain_on", $"'retrain_on' lists drift and/or quality, got '{word}'"),
        }).Distinct()];
    }
}
