namespace Trainyard.Reporting.Charts;

internal sealed record ChartSeries(string Name, IReadOnlyList<(double X, double Y)> Points);

/// <summary>Lines over a shared x axis: ROC, precision–recall, cumulative gain, calibration.</summary>
internal sealed record LineChart(string Title, string XLabel, string YLabel, IReadOnlyList<ChartSeries> Series,
    bool Diagonal = false, bool UnitSquare = false, bool Markers = false)
{
    public string ToSvg(int width = 420, int height = 300)
    {
        var canvas = new SvgCanvas(width, height, Title);
        var all = Series.SelectMany(s => s.Points).ToArray();
        var plot = UnitSquare || all.Length == 0
            ? new PlotArea(canvas, 0, 1, 0, 1)
            : new PlotArea(canvas, all.Min(p => p.X), all.Max(p => p.X), Math.Min(0, all.Min(p => p.Y)), all.Max(p => p.Y));
        plot.DrawAxes(XLabel, YLabel);
        if (Diagonal) plot.DrawDiagonal();
        for (var i = 0; i < Series.Count; i++)
        {
            var points = Series[i].Points.Select(p => (plot.X(p.X), plot.Y(p.Y))).ToArray();
            canvas.Polyline(points, $"line s{i % 4}");
            if (Markers) foreach (var (x, y) in points) canvas.Circle(x, y, 3, $"dot s{i % 4}");
            if (Series.Count > 1) canvas.Text(plot.X(plot.XMin) + 8, 24 + 14 * i, Series[i].Name, "start", $"legend s{i % 4}");
        }
        return canvas.ToString();
    }
}
