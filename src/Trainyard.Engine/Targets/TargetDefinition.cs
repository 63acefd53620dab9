using System.Linq.Expressions;

namespace Trainyard.Targets;

/// <summary>Collects what a target property declares; the planner and runner read it afterwards.</summary>
internal sealed class TargetDefinition : ITargetDefinition
{
    public string? DescriptionText { get; private set; }
    public List<Target> DependsOnTargets { get; } = [];
    public List<Target> DependentForTargets { get; } = [];
    public List<Target> AfterTargets { get; } = [];
    public List<Target> BeforeTargets { get; } = [];
    public List<Target> TriggersTargets { get; } = [];
    public List<Target> TriggeredByTargets { get; } = [];
    public List<(string Reason, Func<bool> Condition)> Conditions { get; } = [];
    public List<LambdaExpression> RequiredParameters { get; } = [];
    public bool IsAssuredAfterFailure { get; private set; }
    public bool IsProceedAfterFailure { get; private set; }
    public List<Func<IEnumerable<string>>> InputSources { get; } = [];
    public List<Func<IEnumerable<string>>> OutputSources { get; } = [];
    public List<LambdaExpression> UsedParameters { get; } = [];
    public List<(string Name, Func<string?> Value)> UsedValues { get; } = [];
    public List<Func<CancellationToken, Task>> Actions { get; } = [];
    public List<(Func<CancellationToken, Task<string?>> Check, string Otherwise)> UpToDateChecks { get; } = [];
    public List<(string Reason, Func<bool> Condition)> AlwaysRunReasons { get; } = [];

    public ITargetDefinition Description(string description) { DescriptionText = description; return this; }
    public ITargetDefinition DependsOn(params Target[] targets) { DependsOnTargets.AddRange(targets); return this; }
    public ITargetDefinition DependentFor(params Target[] targets) { DependentForTargets.AddRange(targets); return this; }
    public ITargetDefinition After(params Target[] targets) { AfterTargets.AddRange(targets); return this; }
    public ITargetDefinition Before(params Target[] targets) { BeforeTargets.AddRange(targets); return this; }
    public ITargetDefinition Triggers(params Target[] targets) { TriggersTargets.AddRange(targets); return this; }
    public ITargetDefinition TriggeredBy(params Target[] targets) { TriggeredByTargets.AddRange(targets); return this; }
    public ITargetDefinition OnlyWhen(string reason, Func<bool> condition) { Conditions.Add((reason, condition)); return this; }
    public ITargetDefinition Requires<T>(Expression<Func<T>> parameter) { RequiredParameters.Add(parameter); return this; }
    public ITargetDefinition AssuredAfterFailure() { IsAssuredAfterFailure = true; return this; }
    public ITargetDefinition ProceedAfterFailure() { IsProceedAfterFailure = true; return this; }
    public ITargetDefinition Inputs(Func<IEnumerable<string>> files) { InputSources.Add(files); return this; }
    public ITargetDefinition Outputs(Func<IEnumerable<string>> files) { OutputSources.Add(files); return this; }
    public ITargetDefinition Uses<T>(Expression<Func<T>> parameter) { UsedParameters.Add(parameter); return this; }
    public ITargetDefinition Uses(string name, Func<string?> value) { UsedValues.Add((name, value)); return this; }

    public ITargetDefinition UpToDateWhen(Func<CancellationToken, Task<string?>> check, string otherwise) { UpToDateChecks.Add((check, otherwise)); return this; }
    public ITargetDefinition AlwaysRuns(string reason) => AlwaysRunsWhen(reason, () => true);
    public ITargetDefinition AlwaysRunsWhen(string reason, Func<bool> condition) { AlwaysRunReasons.Add((reason, condition)); return this; }

    public ITargetDefinition Executes(Action action)
    {
        Actions.Add(_ => { action(); return Task.CompletedTask; });
        return this;
    }

    public ITargetDefinition Executes(Func<CancellationToken, Task> action) { Actions.Add(action); return this; }

    public bool HasOutputs => OutputSources.Count > 0;
}
