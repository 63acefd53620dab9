using System.Reflection;

namespace Trainyard.Targets;

/// <summary>
/// Which exceptions are expected failures for a build: <see cref="TrainyardException"/>, cancellation, and the types
/// the build's assembly and its components' assemblies declare with <see cref="ExpectedFailureAttribute"/>.
/// Anything else escaping a target is a bug and prints whole.
/// </summary>
internal sealed class ExpectedFailures(IReadOnlyList<Type> declared)
{
    public static ExpectedFailures None { get; } = new([]);

    public IReadOnlyList<Type> Declared => declared;

    public static ExpectedFailures For(Type buildType)
    {
        var assemblies = new[] { buildType }.Concat(buildType.GetInterfaces()).Concat(BaseTypes(buildType))
            .Select(t => t.Assembly).Distinct();
        return new([.. assemblies.SelectMany(a => a.GetCustomAttributes<ExpectedFailureAttribute>()).Select(a => a.ExceptionType).Distinct()]);
    }

    public bool IsExpected(Exception exception) =>
        exception is TrainyardException || declared.Any(type => type.IsInstanceOfType(exception));

    private static IEnumerable<Type> BaseTypes(Type type)
    {
        for (var t = type.BaseType; t is not null; t = t.BaseType) yield return t;
    }
}
