using System.Text;

namespace Trainyard.Reporting;

/// <summary>
/// Escaping for text that comes from data or specs (category values, column names, gate text) placed in the comment:
/// it must not break a table, open a link or inject HTML into the PR page.
/// </summary>
internal static class Markdown
{
    public static string Cell(string text)
    {
        var escaped = new StringBuilder(text.Length);
        foreach (var c in text)
        {
            switch (c)
            {
                case '\r': break;
                case '\n': escaped.Append(' '); break;
                case '<': escaped.Append("&lt;"); break;
                case '>': escaped.Append("&gt;"); break;
                case '&': escaped.Append("&amp;"); break;
                case '|' or '\\' or '`' or '*' or '_' or '[' or ']' or '#' or '~': escaped.Append('\\').Append(c); break;
                default: escaped.Append(c); break;
            }
        }
        return escaped.ToString();
    }

    /// <summary>Inline code, for hashes and paths: backticks inside are dropped rather than escaped (code spans cannot escape).</summary>
    public static string Code(string text) => $"`{text.Replace("`", "", StringComparison.Ordinal).Replace('\n', ' ')}`";
}
