using Trainyard.Targets;

namespace Trainyard.Components;

/// <summary>Why someone moved a model: Promote and Rollback record it in the registry's histories.</summary>
public interface IHazReason : ITrainyardBuild
{
    [Parameter("Why: Promote and Rollback record it in the registry's history")]
    string? Reason => TryGetValue(() => Reason);
}
