using System.Diagnostics;
using Trainyard.Targets.Parameters;

namespace Trainyard.Targets;

/// <summary>
/// Runs a plan in order. A failure stops what follows, except targets marked AssuredAfterFailure, and
/// (after a ProceedAfterFailure target) except targets that do not depend on the failed one.
/// </summary>
internal sealed class TargetRunner(
    BuildContext context,
    BuildOutput output,
    bool force,
    IReadOnlySet<string> secretParameters,
    string toolVersion)
{
    public bool UsageFailed { get; private set; }

    public async Task<IReadOnlyList<TargetOutcome>> RunAsync(IReadOnlyList<PlannedTarget> plan)
    {
        var outcomes = new Dictionary<string, TargetOutcome>();
        string? stoppedBy = null;
        foreach (var planned in plan)
        {
            var target = planned.Target;
            var assured = target.Definition.IsAssuredAfterFailure;
            var blockedBy = target.Dependencies.Concat(target.TriggeredBy)
                .FirstOrDefault(d => outcomes.TryGetValue(d, out var o) && o.Status is TargetStatus.Failed or TargetStatus.NotRun);

            var outcome =
                planned.Skipped ? new TargetOutcome(target.Name, TargetStatus.Skipped, "--skip", TimeSpan.Zero)
                : context.CancellationToken.IsCancellationRequested ? new TargetOutcome(target.Name, TargetStatus.NotRun, "cancelled", TimeSpan.Zero)
                : !assured && stoppedBy is not null ? new TargetOutcome(target.Name, TargetStatus.NotRun, $"{stoppedBy} failed", TimeSpan.Zero)
                : !assured && blockedBy is not null ? new TargetOutcome(target.Name, TargetStatus.NotRun, $"{blockedBy} did not succeed", TimeSpan.Zero)
                : await RunTargetAsync(target);

            outcomes[target.Name] = outcome;
            if (outcome.Status == TargetStatus.Failed && !target.Definition.IsProceedAfterFailure) stoppedBy ??= target.Name;
        }
        return plan.Select(p => outcomes[p.Target.Name]).ToList();
    }

    private async Task<TargetOutcome> RunTargetAsync(BuildTarget target)
    {
        var definition = target.Definition;
        var clock = Stopwatch.StartNew();
        var started = false;
        TargetOutcome Outcome(TargetStatus status, string? reason = null) => new(target.Name, status, reason, clock.Elapsed);
        try
        {
            foreach (var (reason, condition) in definition.Conditions)
                if (!condition())
                {
                    output.Note($"{target.Name} skipped: {reason}");
                    return Outcome(TargetStatus.Skipped, reason);
                }

            output.TargetStarting(target.Name);
            started = true;
            // Why it runs, in the user's words: a declared reason to always run, what changed since the last run,
            // or what its own check found; a target that declares nothing to compare cannot be up to date.
            string why = "it declares no outputs, so Trainyard cannot tell whether it is up to date";
            var always = definition.AlwaysRunReasons.FirstOrDefault(a => a.Condition()).Reason;
            (string Path, TargetState State)? record = null;
            string? changed = null;
            if (definition.HasOutputs)
            {
                var outputs = definition.OutputSources.SelectMany(f => f()).Select(o => o.Replace('\\', '/')).ToList();
                var fingerprint = Fingerprint.Compute(context.RootDirectory, toolVersion, UsedParameters(target),
                    definition.UsedValues.Select(v => KeyValuePair.Create(v.Name, v.Value() ?? "")), definition.InputSources.SelectMany(f => f()));
                var path = TargetState.PathFor(context.RootDirectory, target.Name, outputs);
                changed = UpToDateCheck.WhyRun(TargetState.Read(path), fingerprint, outputs, context.RootDirectory);
                if (changed is null && !force && always is null)
                {
                    output.Note("Up to date: inputs, parameters and tool unchanged, outputs present");
                    return Outcome(TargetStatus.UpToDate);
                }
                why = changed ?? "";
                record = (path, new TargetState(fingerprint.Hash, fingerprint.ToolVersion, fingerprint.Parameters, fingerprint.Values, fingerprint.Inputs, outputs));
            }
            if (force) why = "--force given";
            else if (always is not null) why = always;
            else
                foreach (var (check, otherwise) in definition.UpToDateChecks)
                {
                    if (await check(context.CancellationToken) is { } done)
                    {
                        output.Note($"Up to date: {done}");
                        return Outcome(TargetStatus.UpToDate);
                    }
                    why = definition.HasOutputs ? $"{changed}; {otherwise}" : otherwise;
                }
            output.Note($"Running: {why}");

            foreach (var action in definition.Actions)
                await action(context.CancellationToken);

            if (record is { } r) await r.State.WriteAsync(r.Path, context.CancellationToken);
            return Outcome(TargetStatus.Succeeded);
        }
        catch (OperationCanceledException e) when (context.CancellationToken.IsCancellationRequested)
        {
            output.Failure(target.Name, e);
            return Outcome(TargetStatus.Failed, "cancelled");
        }
        catch (Exception e)
        {
            if (e is UsageException) UsageFailed = true;
            output.Failure(target.Name, e);
            return Outcome(TargetStatus.Failed);
        }
        finally
        {
            if (started) output.TargetFinished();
        }
    }

    /// <summary>The values of the parameters the target declares with Uses, read now (after injection and hooks).</summary>
    private IEnumerable<KeyValuePair<string, string>> UsedParameters(BuildTarget target)
    {
        foreach (var parameter in target.Definition.UsedParameters)
        {
            var name = ParameterReference.MemberName(parameter);
            if (secretParameters.Contains(name))
                throw new InvalidOperationException($"Target {target.Name} declares Uses(() => {name}), a secret: secrets are never recorded, so they cannot be part of a fingerprint.");
            yield return KeyValuePair.Create(name, ParameterValueParser.Format(parameter.Compile().DynamicInvoke()));
        }
    }
}
