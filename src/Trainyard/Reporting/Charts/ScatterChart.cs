namespace Trainyard.Reporting.Charts;

/// <summary>Points, e.g. predicted against actual; at most <see cref="MaxPoints"/> so the page stays small.</summary>
internal sealed record ScatterChart(string Title, string XLabel, string YLabel, IReadOnlyList<(double X, double Y)> Points,
    bool Diagonal = false, bool ZeroLine = false)
{
    public const int MaxPoints = 1500;

    public string ToSvg(int width = 420, int height = 300)
    {
        var canvas = new SvgCanvas(width, height, Title);
        // Every n-th point: deterministic, and keeps the shape of the cloud.
        var step = Math.Max(1, (Points.Count + MaxPoints - 1) / MaxPoints);
        var shown = Points.Where((_, i) => i % step == 0).ToArray();
        if (shown.Length == 0) shown = [(0, 0)];
        double xMin = shown.Min(p => p.X), xMax = shown.Max(p => p.X), yMin = shown.Min(p => p.Y), yMax = shown.Max(p => p.Y);
        if (Diagonal) (xMin, xMax, yMin, yMax) = (Math.Min(xMin, yMin), Math.Max(xMax, yMax), Math.Min(xMin, yMin), Math.Max(xMax, yMax));
        var plot = new PlotArea(canvas, xMin, xMax, yMin, yMax);
        plot.DrawAxes(XLabel, YLabel);
        if (Diagonal) plot.DrawDiagonal();
        if (ZeroLine && yMin < 0 && yMax > 0) canvas.Line(plot.X(xMin), plot.Y(0), plot.X(xMax), plot.Y(0), "reference");
        foreach (var (x, y) in shown) canvas.Circle(plot.X(x), plot.Y(y), 2, "dot s0");
        return canvas.ToString();
    }
}
