namespace Trainyard;

/// <summary>
/// An expected failure: bad input, a failed check, a missing prerequisite. Its message says what to fix, and the
/// top level prints the message alone, never a stack trace. Anything else that escapes a target is a bug.
/// </summary>
public class TrainyardException : Exception
{
    public TrainyardException(string message, SourceLocation? location = null, Exception? innerException = null)
        : base(location is null ? message : $"{location}: {message}", innerException)
    {
        Location = location;
    }

    /// <summary>Where in a file the problem is, when known (used for CI annotations).</summary>
    public SourceLocation? Location { get; }
}

/// <summary>The command line was wrong: unknown target or parameter, bad value, missing required parameter. Exit code 2.</summary>
public sealed class UsageException(string message) : TrainyardException(message);

/// <summary>A place in a file, printed as <c>file:line:column</c>.</summary>
public sealed record SourceLocation(string File, int? Line = null, int? Column = null)
{
    public override string ToString() =>
        Line is null ? File : Column is null ? $"{File}:{Line}" : $"{File}:{Line}:{Column}";
}
