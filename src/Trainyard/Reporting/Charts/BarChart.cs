namespace Trainyard.Reporting.Charts;

/// <summary>One labelled row of a bar chart; a null value is drawn as "n/a" (an undefined metric).</summary>
internal sealed record BarRow(string Label, IReadOnlyList<double?> Values);

/// <summary>
/// Horizontal bars, one row per label and one bar per series (feature importance, slice metrics, per-class
/// metrics, lift by decile, residual quantiles). Horizontal, so long category and feature names stay readable.
/// </summary>
internal sealed record BarChart(string Title, IReadOnlyList<string> SeriesNames, IReadOnlyList<BarRow> Rows)
{
    const int RowGap = 6, BarHeight = 12, Top = 8;
    // A label's width is guessed from its length: 11px text in the widest common sans (DejaVu, Debian's default)
    // averages under 7px a character, so a shortened label (24 characters) always fits.
    const double CharacterWidth = 7;

    public string ToSvg(int width = 420)
    {
        var rowHeight = BarHeight * SeriesNames.Count + RowGap;
        var legend = SeriesNames.Count > 1 ? 18 : 0;
        var height = Top + Rows.Count * rowHeight + 24 + legend;
        var canvas = new SvgCanvas(width, height, Title);
        var values = Rows.SelectMany(r => r.Values).OfType<double>().ToArray();
        double min = Math.Min(0, values.DefaultIfEmpty(0).Min()), max = Math.Max(0, values.DefaultIfEmpty(1).Max());
        if (max <= min) max = min + 1;
        var labelWidth = (int)Math.Clamp(Rows.Select(r => Shorten(r.Label).Length).DefaultIfEmpty(0).Max() * CharacterWidth + 12, 48, 180);
        var plotWidth = width - labelWidth - 60;
        double X(double v) => labelWidth + (v - min) / (max - min) * plotWidth;

        for (var r = 0; r < Rows.Count; r++)
        {
            var y = Top + r * rowHeight;
            canvas.Text(labelWidth - 6, y + rowHeight / 2.0 + 2, Shorten(Rows[r].Label), "end");
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
        {
            // Under the bars, moved left when the names would run past the right edge.
            double Entry(string name) => 14 + name.Length * CharacterWidth + 16;
            var x = Math.Max(4, Math.Min(labelWidth, width - SeriesNames.Sum(Entry)));
            for (var s = 0; s < SeriesNames.Count; x += Entry(SeriesNames[s]), s++)
            {
                canvas.Rect(x, axisY + 24, 10, 10, $"bar s{s % 4}");
                canvas.Text(x + 14, axisY + 33, SeriesNames[s]);
            }
        }
        return canvas.ToString();
    }

    static string Shorten(string label) => label.Length <= 24 ? label : label[..23] + "…";

    static string Format(double value) => value.ToString(Math.Abs(value) >= 100 ? "0.#" : "0.####", System.Globalization.CultureInfo.InvariantCulture);
}
