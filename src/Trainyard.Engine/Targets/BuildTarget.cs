namespace Trainyard.Targets;

/// <summary>
/// A discovered target with its relations resolved to names, each relation already merged with its inverse
/// (A.DependentFor(B) is B depending on A; A.Before(B) is B running after A; A.Triggers(B) is B triggered by A).
/// </summary>
internal sealed record BuildTarget(
    string Name,
    TargetDefinition Definition,
    IReadOnlyList<string> Dependencies,
    IReadOnlyList<string> RunsAfter,
    IReadOnlyList<string> TriggeredBy);
