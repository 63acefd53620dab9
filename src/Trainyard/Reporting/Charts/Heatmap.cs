namespace Trainyard.Reporting.Charts;

/// <summary>A confusion matrix as a heatmap: rows the true class, columns the predicted one, shade by row share.</summary>
internal sealed record Heatmap(string Title, IReadOnlyList<string> Classes, IReadOnlyList<IReadOnlyList<int>> Counts)
{
    const int LabelWidth = 110, Top = 30;

    public string ToSvg(int width = 420)
    {
        var n = Math.Max(1, Classes.Count);
        var cell = Math.Min(70.0, (width - LabelWidth - 10.0) / n);
        var height = (int)(Top + cell * n + 36);
        var canvas = new SvgCanvas(width, height, Title);
        canvas.Text(LabelWidth + cell * n / 2, 12, "predicted", "middle");
        for (var j = 0; j < Classes.Count; j++)
            canvas.Text(LabelWidth + cell * (j + 0.5), Top - 4, Short(Classes[j]), "middle", "tick");
        for (var i = 0; i < Counts.Count && i < Classes.Count; i++)
        {
            // Shading by the row's share shows recall per class, whatever the class sizes.
            var rowTotal = Math.Max(1, Counts[i].Sum());
            canvas.Text(LabelWidth - 6, Top + cell * (i + 0.5) + 4, Short(Classes[i]), "end", "tick");
            for (var j = 0; j < Counts[i].Count; j++)
            {
                var share = (double)Counts[i][j] / rowTotal;
                canvas.Rect(LabelWidth + cell * j, Top + cell * i, cell - 2, cell - 2, "cell", $"true {Classes[i]}, predicted {Classes[j]}: {Counts[i][j]}", 0.08 + 0.92 * share);
                canvas.Text(LabelWidth + cell * (j + 0.5), Top + cell * (i + 0.5) + 4, Counts[i][j].ToString(System.Globalization.CultureInfo.InvariantCulture), "middle", share > 0.55 ? "cell-text dark" : "cell-text");
            }
        }
        // "true" sits just left of the longest row label (10px ticks run under 6.5px a character), not at the edge.
        var longest = Classes.Select(c => Short(c).Length).DefaultIfEmpty(0).Max();
        canvas.Text(Math.Max(12, LabelWidth - 18 - longest * 6.5), Top + cell * n / 2, "true", "middle", "label", vertical: true);
        return canvas.ToString();
    }

    static string Short(string label) => label.Length <= 14 ? label : label[..13] + "…";
}
