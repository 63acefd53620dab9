namespace Trainyard.Reporting.Charts;

/// <summary>Bins as (lower, upper, share of rows).</summary>
internal sealed record HistogramBins(IReadOnlyList<double> Edges, IReadOnlyList<long> Counts)
{
    public IEnumerable<(double Lower, double Upper, double Share)> Shares()
    {
        var total = Math.Max(1, Counts.Sum());
        for (var i = 0; i < Counts.Count && i + 1 < Edges.Count; i++) yield return (Edges[i], Edges[i + 1], (double)Counts[i] / total);
    }
}

/// <summary>
/// A numeric column's histogram from the training data's profile, with the reference profile's as an outline, both
/// as shares of rows so data sets of different sizes compare.
/// </summary>
internal sealed record HistogramChart(string Title, HistogramBins Current, HistogramBins? Reference)
{
    public string ToSvg(int width = 300, int height = 150)
    {
        var canvas = new SvgCanvas(width, height, Title);
        var bins = Current.Shares().ToArray();
        var reference = Reference?.Shares().ToArray() ?? [];
        var all = bins.Concat(reference).ToArray();
        if (all.Length == 0) return canvas.ToString();
        var plot = new PlotArea(canvas, all.Min(b => b.Lower), all.Max(b => b.Upper), 0, all.Max(b => b.Share));
        plot.DrawAxes("value", "share", ticks: 2);
        foreach (var (lower, upper, share) in bins)
            canvas.Rect(plot.X(lower), plot.Y(share), plot.X(upper) - plot.X(lower) - 0.5, plot.Y(0) - plot.Y(share), "bar s0", $"{SvgCanvas.Number(lower)} – {SvgCanvas.Number(upper)}: {SvgCanvas.Number(share * 100)} %");
        if (reference.Length > 0)
            canvas.Polyline(reference.SelectMany(b => new[] { (plot.X(b.Lower), plot.Y(b.Share)), (plot.X(b.Upper), plot.Y(b.Share)) }), "line s1");
        return canvas.ToString();
    }
}
