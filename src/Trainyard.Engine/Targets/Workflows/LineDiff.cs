using System.Text;

namespace Trainyard.Targets.Workflows;

/// <summary>A unified diff of two texts by lines (longest common subsequence), with three lines of context.</summary>
internal static class LineDiff
{
    public static string Unified(string before, string after, int context = 3)
    {
        var a = before.Split('\n');
        var b = after.Split('\n');
        // common[i, j]: length of the longest common subsequence of a[i..] and b[j..].
        var common = new int[a.Length + 1, b.Length + 1];
        for (var i = a.Length - 1; i >= 0; i--)
            for (var j = b.Length - 1; j >= 0; j--)
                common[i, j] = a[i] == b[j] ? common[i + 1, j + 1] + 1 : Math.Max(common[i + 1, j], common[i, j + 1]);

        var lines = new List<(char Kind, string Text)>();
        int x = 0, y = 0;
        while (x < a.Length || y < b.Length)
        {
            if (x < a.Length && y < b.Length && a[x] == b[y]) { lines.Add((' ', a[x])); x++; y++; }
            else if (y < b.Length && (x == a.Length || common[x, y + 1] >= common[x + 1, y])) lines.Add(('+', b[y++]));
            else lines.Add(('-', a[x++]));
        }

        var text = new StringBuilder();
        var shown = -1;
        for (var i = 0; i < lines.Count; i++)
        {
            var near = Enumerable.Range(Math.Max(0, i - context), Math.Min(lines.Count, i + context + 1) - Math.Max(0, i - context))
                .Any(k => lines[k].Kind != ' ');
            if (!near) continue;
            if (shown >= 0 && i > shown + 1) text.Append("@@\n");
            text.Append(lines[i].Kind).Append(lines[i].Text).Append('\n');
            shown = i;
        }
        return text.ToString();
    }
}
