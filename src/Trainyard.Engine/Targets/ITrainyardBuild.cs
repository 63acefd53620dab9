using System.Linq.Expressions;

namespace Trainyard.Targets;

/// <summary>A build; component interfaces derive from it and read their parameters through <see cref="TryGetValue{T}"/>.</summary>
public interface ITrainyardBuild
{
    /// <summary>The value given for the parameter member on the command line, environment or parameters file; otherwise default.</summary>
    T? TryGetValue<T>(Expression<Func<T>> parameter);

    BuildContext Context { get; }
}
