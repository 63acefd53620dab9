using Spectre.Console;

namespace Trainyard.Targets;

/// <summary>
/// Writes a grid without Spectre's padding: Spectre pads every grid row to the full console width, so the text is
/// rendered at that width and each line written up to where its text ends (no trailing spaces in logs, diffs or
/// copied help).
/// </summary>
internal static class UnpaddedGrid
{
    public static void Write(IAnsiConsole console, Grid grid)
    {
        var writer = new StringWriter();
        var plain = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Ansi = AnsiSupport.No,
            ColorSystem = ColorSystemSupport.NoColors,
            Interactive = InteractionSupport.No,
            Out = new AnsiConsoleOutput(writer),
        });
        plain.Profile.Width = console.Profile.Width;
        plain.Write(grid);
        foreach (var line in writer.ToString().ReplaceLineEndings("\n").TrimEnd('\n').Split('\n'))
            console.WriteLine(line.TrimEnd());
    }
}
