using System.Globalization;
using Trainyard.Evaluation;

namespace Trainyard.Reporting;

/// <summary>Where the comment points a reader for more: the report (the CI artifact when known) and the CI run.</summary>
/// <param name="ReportPath">report.html relative to the root, named when there is no URL.</param>
internal sealed record CommentLinks(string ReportPath, string? ReportUrl, string? RunUrl, string ToolVersion);

/// <summary>
/// The PR comment's content, from the same artifacts and verdict as the HTML report: the verdict first, each gate
/// with ✅/❌, the headline metrics against the baseline, the most drifted columns, and which model on which data —
/// the rest folded away.
/// </summary>
internal static class CommentBuilder
{
    const int TopDrifted = 3;

    public static CommentPage Build(ReportInputs inputs, CommentLinks links, CommentSettings? settings = null)
    {
        settings ??= new CommentSettings { Title = inputs.Pipeline };
        var title = settings.Title is { Length: > 0 } t ? t : inputs.Pipeline;
        var verdict = VerdictBuilder.Verdict(inputs);
        var icon = verdict.Tone switch { "passed" => "✅", "failed" => "❌", _ => "⚠️" };
        var metrics = inputs.Metrics;
        var gates = metrics is null ? [] : ModelSectionBuilder.GateRows(metrics);
        var all = metrics is null ? [] : ModelSectionBuilder.MetricRows(metrics, inputs.Baseline);
        // The build's own metrics are what its team watches: they follow the task's headline metrics.
        IReadOnlyList<string> headlineNames = metrics is null ? [] : [.. HeadlineMetrics.For(metrics.Task), .. metrics.Custom.Select(c => c.Name)];
        IReadOnlyList<CommentRow> headline = [
            .. gates.Select(g => new CommentRow(g.Passed ? "✅" : "❌", Markdown.Code(g.Gate), g.Value, g.Baseline, Delta(g.Delta, g.Tone))),
            .. all.Where(m => headlineNames.Contains(m.Name) && !gates.Any(g => GateMetric(g.Gate) == m.Name))
                .OrderBy(m => IndexOf(headlineNames, m.Name))
                .Select(Row),
        ];
        return new CommentPage(
            $"{icon} {Markdown.Cell(title)}: {Headline(verdict, gates)}",
            [.. gates.Where(g => !g.Passed).Select(g => $"{Markdown.Code(g.Gate)}: {Markdown.Cell(g.Message)}")],
            headline,
            metrics?.Gates?.Baseline is { } baseline ? $"Baseline: {Markdown.Cell(baseline)}" : "No baseline: the deltas appear once a baseline model exists.",
            settings.ShowDrift ? DriftLine(inputs.Validation) : null,
            Identity(inputs),
            ReportLine(links),
            settings.ShowAllMetrics ? [.. all.Select(Row)] : [],
            !settings.ShowFindings ? [] : [.. (inputs.Validation?.Findings ?? []).Select(f => new FindingRow(
                Markdown.Cell(f.Severity), Markdown.Cell(f.Column), Markdown.Cell(f.Rule), Markdown.Cell(f.Expected), Markdown.Cell(f.Observed)))],
            !settings.ShowDrift ? [] : [.. (inputs.Validation?.Drift ?? []).Select(d => d with
            {
                Column = Markdown.Cell(d.Column), Method = Markdown.Cell(d.Method), Score = Markdown.Cell(d.Score),
                Threshold = Markdown.Cell(d.Threshold), Verdict = d.Drifted ? "⚠️ drifted" : Markdown.Cell(d.Verdict),
            })],
            !settings.ShowFingerprints ? [] : [.. LineageSectionBuilder.Build(inputs).Fingerprints.Select(f => new Fact(Markdown.Cell(f.Label), Markdown.Cell(f.Value)))],
            [],
            [.. inputs.Problems.Values.Select(Markdown.Cell)],
            links.RunUrl is { } run ? $"Trainyard {links.ToolVersion} · [CI run]({run})" : $"Trainyard {links.ToolVersion}",
            settings.ShowFindings,
            Folded(settings));
    }

    // The folded part's summary names what the build's settings left in it; null when they left nothing.
    static string? Folded(CommentSettings settings)
    {
        string[] parts = [
            .. settings.ShowAllMetrics ? ["all metrics"] : Array.Empty<string>(),
            .. settings.ShowFindings ? ["data checks"] : Array.Empty<string>(),
            .. settings.ShowDrift ? ["drift"] : Array.Empty<string>(),
            .. settings.ShowFingerprints ? ["fingerprints"] : Array.Empty<string>(),
        ];
        if (parts.Length == 0) return null;
        var text = parts.Length == 1 ? parts[0] : $"{string.Join(", ", parts[..^1])} and {parts[^1]}";
        return char.ToUpperInvariant(text[0]) + text[1..];
    }

    // Failed gates as code spans, so "auc >= 0.9" reads as written in the spec, not as escaped HTML.
    static string Headline(ReportVerdict verdict, IReadOnlyList<GateRow> gates)
    {
        var failed = gates.Where(g => !g.Passed).ToArray();
        return verdict.Tone == "failed" && failed.Length > 0
            ? $"{failed.Length} of {gates.Count} gates failed: {string.Join(", ", failed.Select(g => Markdown.Code(g.Gate)))}"
            : Markdown.Cell(verdict.Headline);
    }

    static string ReportLine(CommentLinks links) => (links.ReportUrl, links.RunUrl) switch
    {
        ({ } url, _) => $"📊 [Full report]({url})",
        (null, { } run) => $"📊 Full report: {Markdown.Code(Path.GetFileName(links.ReportPath))} in the [run's artifacts]({run})",
        _ => $"📊 Full report: {Markdown.Code(links.ReportPath)}",
    };

    static CommentRow Row(MetricRow m) => new("", Markdown.Cell(m.DisplayName), m.Value, m.Baseline, Delta(m.Delta, m.Tone));

    static string Delta(string delta, string tone) => tone switch
    {
        "better" => $"{delta} ▲",
        "worse" => $"{delta} ▼",
        _ => delta,
    };

    // "auc >= 0.8" gates metric "auc"; "slice_gap.auc <= 0.2" gates "slice_gap.auc".
    static string GateMetric(string gate) => gate.Split(' ', 2)[0];

    static int IndexOf(IReadOnlyList<string> names, string name)
    {
        for (var i = 0; i < names.Count; i++) if (names[i] == name) return i;
        return names.Count;
    }

    static string? DriftLine(ValidationSummary? validation)
    {
        if (validation is null) return null;
        if (validation.Drift.Count == 0)
            return validation.DriftReason is { Length: > 0 } reason ? $"Drift: not checked ({Markdown.Cell(reason)})" : null;
        var drifted = validation.Drift.Where(d => d.Drifted).OrderByDescending(d => Score(d.Score)).ToArray();
        var reference = validation.DriftReference is { Length: > 0 } r ? $" against {Markdown.Code(r)}" : "";
        if (drifted.Length == 0) return $"Drift{reference}: none of {validation.Drift.Count} columns drifted.";
        var top = string.Join(" · ", drifted.Take(TopDrifted).Select(d =>
            $"**{Markdown.Cell(d.Column)}** ({Markdown.Cell(d.Method)} {Markdown.Cell(d.Score)} > {Markdown.Cell(d.Threshold)})"));
        var more = drifted.Length > TopDrifted ? $" and {drifted.Length - TopDrifted} more" : "";
        return $"Drift{reference}: {drifted.Length} of {validation.Drift.Count} columns drifted — {top}{more}.";
    }

    static double Score(string score) =>
        double.TryParse(score, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) ? value : double.NegativeInfinity;

    static string Identity(ReportInputs inputs)
    {
        if (inputs.Run is not { } run) return "No model was trained (run.json is missing).";
        var commit = run.Source.Commit is { } c ? $" at commit {Markdown.Code(c[..Math.Min(12, c.Length)])}{(run.Source.Dirty == true ? " (uncommitted changes)" : "")}" : "";
        return $"Model trained on {Markdown.Code(run.Data.Path)} (sha256 {Markdown.Code(run.Data.Sha256[..Math.Min(12, run.Data.Sha256.Length)])}, " +
               $"{run.Data.Rows.ToString("#,0", CultureInfo.InvariantCulture)} rows){commit} on {Display.Time(run.StartedAt)}.";
    }
}
