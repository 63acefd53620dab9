namespace Trainyard;

/// <summary>
/// Declares an exception type of an assembly that cannot derive from <see cref="TrainyardException"/> (a library
/// with no reference to the engine) as an expected failure: bad input or a missing prerequisite, whose message says
/// what to fix. The engine prints such a failure's message alone, as it does a TrainyardException's, never a stack
/// trace. Read from the build's assembly and the assemblies of the components it mixes in:
/// <c>[assembly: ExpectedFailure(typeof(ModelFormatException))]</c>.
/// </summary>
[AttributeUsage(AttributeTargets.Assembly, AllowMultiple = true)]
public sealed class ExpectedFailureAttribute(Type exceptionType) : Attribute
{
    public Type ExceptionType { get; } = exceptionType;
}
