namespace Trainyard.Runtime;

/// <summary>
/// The one expected error of Trainyard.Runtime: a model, a featurizer or an input row that cannot be used as given.
/// The message says what is wrong and what to fix, so a build or the model server can show it as it is.
/// Trainyard.Runtime cannot see TrainyardException (it sits below it), so the build side translates this one.
/// </summary>
public sealed class ModelFormatException : Exception
{
    public ModelFormatException(string message) : base(message) { }

    public ModelFormatException(string message, Exception inner) : base(message, inner) { }
}
