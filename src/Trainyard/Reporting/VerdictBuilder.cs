using Trainyard.Artifacts.Metrics;
using Trainyard.Evaluation;

namespace Trainyard.Reporting;

/// <summary>The header: the verdict a reader needs first, and which model on which data it is about.</summary>
internal static class VerdictBuilder
{
    public static ReportVerdict Verdict(ReportInputs inputs)
    {
        if (inputs.Validation is { Passed: false } validation && inputs.Metrics is null)
            return new ReportVerdict("failed", $"Data validation failed ({validation.Errors} errors): no model was evaluated", []);
        if (inputs.Metrics?.Gates is not { } gates)
            return new ReportVerdict("unknown", inputs.Metrics is null ? "Not evaluated: metrics.json is missing" : "No gates were checked", []);
        if (gates.Passed) return new ReportVerdict("passed", $"All {gates.PassedCount} gates passed", []);
        var failed = gates.Results.Where(r => r.Verdict == GateVerdict.Failed).ToArray();
        return new ReportVerdict("failed", $"{failed.Length} of {gates.Results.Count} gates failed: {string.Join(", ", failed.Select(f => f.Gate))}",
            [.. failed.Select(f => $"{f.Gate} — {f.Message}")]);
    }

    public static IReadOnlyList<Fact> Identity(ReportInputs inputs)
    {
        var run = inputs.Run;
        return [
            new("Pipeline", inputs.Pipeline),
            new("Commit", run?.Source.Commit is { } commit ? commit[..Math.Min(12, commit.Length)] + (run.Source.Dirty == true ? " (dirty)" : "") : "—"),
            new("Data", run is null ? "—" : $"{run.Data.Path} · sha256 {run.Data.Sha256[..Math.Min(12, run.Data.Sha256.Length)]}"),
            new("Trained", run is null ? "—" : $"{Display.Time(run.StartedAt)} ({Display.Number((run.FinishedAt - run.StartedAt).TotalSeconds)} s)"),
            new("Evaluated", Display.Time(inputs.Metrics?.CreatedAt)),
        ];
    }
}
