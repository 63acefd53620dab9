namespace Trainyard.Data.Csv;

/// <summary>
/// A problem at a line of a data file. The message reads "data/x.csv line 17: ..." (or "..., column 'Age': ...")
/// as people expect in a data error, while <see cref="TrainyardException.Location"/> still carries file and line
/// for CI annotations.
/// </summary>
internal sealed class DataFileException : TrainyardException
{
    public DataFileException(string file, long line, string problem, string? column = null)
        : base(problem, new SourceLocation(file, (int)Math.Min(line, int.MaxValue)))
    {
        File = file;
        Line = line;
        Column = column;
        Problem = problem;
    }

    public string File { get; }

    /// <summary>1-based physical line; the header is line 1.</summary>
    public long Line { get; }

    public string? Column { get; }

    public string Problem { get; }

    public override string Message =>
        Column is null ? $"{File} line {Line}: {Problem}" : $"{File} line {Line}, column '{Column}': {Problem}";
}
