using System.Globalization;
using Trainyard.Artifacts;

namespace Trainyard.Reporting;

/// <summary>Lineage from run.json: what was trained with which parameters, on which data, by which versions.</summary>
internal static class LineageSectionBuilder
{
    public static LineageSection Build(ReportInputs inputs)
    {
        if (inputs.Run is not { } run) return new LineageSection(inputs.Problem(ArtifactPaths.RunFile) ?? $"{ArtifactPaths.RunFile} is missing", [], [], []);
        var p = run.Parameters;
        IReadOnlyList<Fact> parameters = [
            new("trainer", p.Trainer), new("rounds", $"{run.Model.RoundsTrained} trained of {p.Rounds}, best {run.Model.BestIteration + 1}"),
            new("early stopping", $"{p.EarlyStoppingRounds} rounds"), new("seed", Invariant(p.Seed)), new("threads", Invariant(p.Threads)),
            new("split", $"{p.SplitMethod}: test {Display.Number(p.TestShare)}, validation {Display.Number(p.ValidationShare)}"),
            new("features", Invariant(run.Model.Features)),
            .. p.TrainerParameters.OrderBy(kv => kv.Key, StringComparer.Ordinal).Select(kv => new Fact(kv.Key, kv.Value)),
        ];
        IReadOnlyList<Fact> fingerprints = [
            new("data", $"{run.Data.Path} ({Invariant(run.Data.Rows)} rows)"), new("data sha256", run.Data.Sha256),
            .. run.Data.Splits.Select(s => new Fact($"{s.Key} split sha256", $"{s.Value.Sha256} ({Invariant(s.Value.Rows)} rows)")),
            new("spec sha256", run.SpecSha256),
            new("commit", run.Source.Commit is { } commit ? commit + (run.Source.Dirty == true ? " (dirty)" : "") : "unknown (no git)"),
            .. run.Data.Files is { } files ? [new Fact("data files", string.Join(", ", files))] : Array.Empty<Fact>(),
            .. run.Data.Window is { } w ? [new Fact("data window", $"{w.Column} after {w.After:yyyy-MM-dd HH:mm} until {w.Until:yyyy-MM-dd HH:mm} UTC")] : Array.Empty<Fact>(),
            new("trigger", run.Trigger is { } trigger ? trigger + (run.TriggerReport is { } report ? $" (monitor report {report})" : "") : "not recorded"),
        ];
        return new LineageSection(null, parameters, fingerprints,
            [.. run.Versions.OrderBy(kv => kv.Key, StringComparer.Ordinal).Select(kv => new Fact(kv.Key, kv.Value))]);
    }

    static string Invariant(int value) => value.ToString(CultureInfo.InvariantCulture);
}
