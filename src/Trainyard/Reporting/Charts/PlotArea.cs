namespace Trainyard.Reporting.Charts;

/// <summary>Maps data values to pixels inside a canvas's margins, and draws the axes with a few ticks.</summary>
internal sealed record PlotArea(SvgCanvas Canvas, double XMin, double XMax, double YMin, double YMax)
{
    // Right leaves room for half of the last x tick's label, which is centred on the plot's edge.
    const double Left = 52, Right = 24, Top = 12, Bottom = 40;

    public double PlotWidth => Canvas.Width - Left - Right;
    public double PlotHeight => Canvas.Height - Top - Bottom;

    public double X(double value) => Left + Scale(value, XMin, XMax) * PlotWidth;
    public double Y(double value) => Top + (1 - Scale(value, YMin, YMax)) * PlotHeight;

    static double Scale(double value, double min, double max) => max > min ? Math.Clamp((value - min) / (max - min), 0, 1) : 0.5;

    public void DrawAxes(string xLabel, string yLabel, int ticks = 5)
    {
        for (var i = 0; i <= ticks; i++)
        {
            var xv = XMin + (XMax - XMin) * i / ticks;
            var yv = YMin + (YMax - YMin) * i / ticks;
            Canvas.Line(Left, Y(yv), Left + PlotWidth, Y(yv), "grid");
            Canvas.Text(X(xv), Top + PlotHeight + 14, Tick(xv), "middle", "tick");
            Canvas.Text(Left - 5, Y(yv) + 4, Tick(yv), "end", "tick");
        }
        Canvas.Line(Left, Top + PlotHeight, Left + PlotWidth, Top + PlotHeight, "axis");
        Canvas.Line(Left, Top, Left, Top + PlotHeight, "axis");
        Canvas.Text(Left + PlotWidth / 2, Canvas.Height - 6, xLabel, "middle");
        Canvas.Text(12, Top + PlotHeight / 2, yLabel, "middle", "label", vertical: true);
    }

    /// <summary>The 45° line a perfect calibration or a random ranking would follow.</summary>
    public void DrawDiagonal() => Canvas.Line(X(XMin), Y(YMin), X(XMax), Y(YMax), "reference");

    static string Tick(double value) => Math.Abs(value) >= 1000
        ? value.ToString("0.#e0", System.Globalization.CultureInfo.InvariantCulture)
        : value.ToString("0.##", System.Globalization.CultureInfo.InvariantCulture);
}
