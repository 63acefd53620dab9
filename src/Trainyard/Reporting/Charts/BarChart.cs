namespace Trainyard.Reporting.Charts;

/// <summary>One labelled row of a bar chart; a null value is drawn as "n/a" (an undefined metric).</summary>
internal sealed record BarRow(string Label, IReadOnlyList<double?> Values);

/// <summary>
/// Horizontal bars, one row per label and one bar per series (feature importance, slice metrics, per-class
/// metrics, lift by decile, residual quantiles). Horizontal, so long category and feature names stay readable.
/// </summary>
internal sealed record BarChart(string Title, IReadOnlyList<string> SeriesNames, IReadOnlyList<BarRow> Rows)
{
    const int LabelWidth = 150, RowGap = 6, BarHeight = 12, Top = 8;

    public string ToSvg(int width = 420)
    {
        var rowHeight = BarHeight * SeriesNames.Count + RowGap;
        var legend = SeriesNames.Count > 1 ? 18 : 0;
        var height = Top + Rows.Count * rowHeight + 24 + legend;
        var canvas = new SvgCanvas(width, height, Title);
        var values = Rows.SelectMany(r => r.Values).OfType<double>().ToArray();
        double min = Math.Min(0, values.DefaultIfEmpty(0).Min()), max = Math.Max(0, values.DefaultIfEmpty(1).Max());
        if (max <= min) max = min + 1;
        var plotWidth = width - LabelWidth - 60;
        double X(double v) => LabelWidth + (v - min) / (max - min) * plotWidth;

        for (var r = 0; r < Rows.Count; r++)
        {
            var y = Top + r * rowHeight;
            canvas.Text(LabelWidth - 6, y + rowHeight / 2.0 + 2, Shorten(Rows[r].Label), "end");
            for (var s = 0; s < SeriesNames.Count; s++)
            {
                var barY = y + s * BarHeight;
                if (s >= Rows[r].Values.Count || Rows[r].Values[s] is not { } value)
                {
                    canvas.Text(X(0) + 4, barY + BarHeight - 2, "n/a", "start", "tick");
                    continue;
                }
                var (from, to) = (Math.Min(X(0), X(value)), Math.Max(X(0), X(value)));
                canvas.Rect(from, barY, to - from, BarHeight - 1, $"bar s{s % 4}", $"{Rows[r].Label} {SeriesNames[s]}: {Format(value)}");
                canvas.Text(to + 3, barY + BarHeight - 2, Format(value), "start", "tick");
            }
        }
        var axisY = Top + Rows.Count * rowHeight;
        canvas.Line(X(0), Top, X(0), axisY, "axis");
        canvas.Text(X(min), axisY + 14, Format(min), "middle", "tick");
        canvas.Text(X(max), axisY + 14, Format(max), "middle", "tick");
        if (legend > 0)
            for (var s = 0; s < SeriesNames.Count; s++)
            {
                canvas.Rect(LabelWidth + s * 110, axisY + 24, 10, 10, $"bar s{s % 4}");
                canvas.Text(LabelWidth + s * 110 + 14, axisY + 33, SeriesNames[s]);
            }
        return canvas.ToString();
    }

    static string Shorten(string label) => label.Length <= 24 ? label : label[..23] + "…";

    static string Format(double value) => value.ToString(Math.Abs(value) >= 100 ? "0.#" : "0.####", System.Globalization.CultureInfo.InvariantCulture);
}
