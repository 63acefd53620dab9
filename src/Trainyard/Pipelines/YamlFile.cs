using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Trainyard.Pipelines;

/// <summary>
/// Reads a YAML file into its node tree, turning every failure (missing file, syntax error, empty file, several
/// documents, a top level that is not a mapping) into a <see cref="TrainyardException"/> that points at the spot.
/// The node tree keeps each value's line and column, which typed deserialization would lose.
/// </summary>
internal static class YamlFile
{
    /// <param name="path">Path to read; also how messages name the file.</param>
    /// <param name="what">What the file is, in the user's words ("pipeline spec", "schema file").</param>
    /// <returns>The root node, or null when the file holds no document (empty or comments only).</returns>
    public static YamlNode? Read(string path, string what)
    {
        string text;
        try
        {
            text = File.ReadAllText(path);
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            throw new TrainyardException($"the {what} does not exist (looked at {Path.GetFullPath(path)})", new SourceLocation(path));
        }
        return Parse(text, path, what);
    }

    public static YamlNode? Parse(string text, string path, string what)
    {
        var stream = new YamlStream();
        try
        {
            stream.Load(new StringReader(text));
        }
        catch (YamlException e)
        {
            throw new TrainyardException(Describe(e), new SourceLocation(path, (int)e.Start.Line, (int)e.Start.Column), e);
        }
        catch (InvalidOperationException e)
        {
            // YamlDotNet's scanner fails without a mark on some unclosed brackets; point just past the last part it could read.
            var mark = LastReadableMark(text);
            throw new TrainyardException("YAML syntax error at or just after here (is a bracket or quote left open?)",
                new SourceLocation(path, Math.Max(1, (int)mark.Line), Math.Max(1, (int)mark.Column)), e);
        }

        if (stream.Documents.Count == 0)
            return null;
        if (stream.Documents.Count > 1)
        {
            var second = stream.Documents[1].RootNode;
            throw new TrainyardException($"the {what} holds more than one YAML document (a second one starts here); keep one",
                YamlSection.LocationOf(path, second));
        }
        return stream.Documents[0].RootNode;
    }

    private static Mark LastReadableMark(string text)
    {
        var parser = new Parser(new StringReader(text));
        var mark = Mark.Empty;
        try
        {
            while (parser.MoveNext()) mark = parser.Current!.End;
        }
        catch (InvalidOperationException)
        {
        }
        return mark;
    }

    // YamlDotNet's parser messages are about YAML itself, so they only need their mark removed and a prefix.
    private static string Describe(YamlException e) => e switch
    {
        AnchorNotFoundException => $"YAML error: {e.Message.Replace("does not exists", "is not defined")}",
        _ when e.Message.StartsWith("Duplicate key", StringComparison.Ordinal) =>
            $"the key '{e.Message["Duplicate key".Length..].Trim()}' appears twice in the same mapping; keep one",
        _ => $"YAML syntax error: {e.Message.TrimEnd('.')} (check the indentation, quotes and brackets here or just above)",
    };
}
