using System.Linq.Expressions;

namespace Trainyard.Targets;

/// <summary>
/// A build target, declared as a property: <c>Target Train => _ => _.DependsOn(ValidateData).Executes(...)</c>.
/// Two Target values are the same target when the delegates are equal (same method, same build instance).
/// </summary>
public delegate ITargetDefinition Target(ITargetDefinition definition);

/// <summary>What a target declares: its relations to other targets, its conditions, inputs, outputs and actions.</summary>
public interface ITargetDefinition
{
    ITargetDefinition Description(string description);
    ITargetDefinition DependsOn(params Target[] targets);
    ITargetDefinition DependentFor(params Target[] targets);

    /// <summary>Runs after these targets when both are in the plan; does not pull them in.</summary>
    ITargetDefinition After(params Target[] targets);

    /// <summary>Runs before these targets when both are in the plan; does not pull them in.</summary>
    ITargetDefinition Before(params Target[] targets);

    ITargetDefinition Triggers(params Target[] targets);
    ITargetDefinition TriggeredBy(params Target[] targets);

    /// <summary>Evaluated just before the target runs; false skips it with the reason.</summary>
    ITargetDefinition OnlyWhen(string reason, Func<bool> condition);

    /// <summary>The parameter must have a value; checked for every planned target before anything runs.</summary>
    ITargetDefinition Requires<T>(Expression<Func<T>> parameter);

    /// <summary>Still runs when an earlier target failed (a report or a comment after a failed gate).</summary>
    ITargetDefinition AssuredAfterFailure();

    /// <summary>A failure of this target does not stop targets that do not depend on it.</summary>
    ITargetDefinition ProceedAfterFailure();

    /// <summary>Files or directories relative to the root, evaluated just before the up-to-date check.</summary>
    ITargetDefinition Inputs(Func<IEnumerable<string>> files);

    /// <summary>
    /// The target reads this parameter: its value is part of the target's fingerprint, so a new value runs the target
    /// again. Only the parameters a target declares count: another target's parameter changes nothing here.
    /// Secrets are never recorded, so they cannot be declared.
    /// </summary>
    ITargetDefinition Uses<T>(Expression<Func<T>> parameter);

    /// <summary>
    /// The target reads this value — the sections of a spec file it uses, the settings a hook produced — evaluated
    /// just before the up-to-date check; its text is part of the fingerprint under <paramref name="name"/>.
    /// </summary>
    ITargetDefinition Uses(string name, Func<string?> value);

    /// <summary>Files or directories relative to the root; declaring outputs enables the up-to-date check.</summary>
    ITargetDefinition Outputs(Func<IEnumerable<string>> files);

    /// <summary>
    /// The target's result lives where no file fingerprint reaches (a registry, a service): before it runs, and
    /// after the fingerprint check when it declares outputs, <paramref name="check"/> looks there and returns why
    /// the work is already done (the target is then up to date), or null to run it, saying
    /// <paramref name="otherwise"/>. Not asked with --force.
    /// </summary>
    ITargetDefinition UpToDateWhen(Func<CancellationToken, Task<string?>> check, string otherwise);

    /// <summary>
    /// The target runs every time, even when its fingerprint is unchanged; <paramref name="reason"/> says why in the
    /// user's words ("Running: the image lives in the Docker engine, which Trainyard does not fingerprint").
    /// </summary>
    ITargetDefinition AlwaysRuns(string reason);

    /// <summary>Like <see cref="AlwaysRuns"/>, while <paramref name="condition"/> holds (evaluated just before the target runs).</summary>
    ITargetDefinition AlwaysRunsWhen(string reason, Func<bool> condition);

    ITargetDefinition Executes(Action action);
    ITargetDefinition Executes(Func<CancellationToken, Task> action);
}
