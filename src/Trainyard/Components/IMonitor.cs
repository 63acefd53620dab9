using Trainyard.Targets;

namespace Trainyard.Components;

// STAND-IN for the monitor branch's IMonitor (Components/IMonitor.cs is that branch's file): Retrain depends on
// its Monitor target. At merge, take the monitor branch's file and drop this one.

/// <summary>Monitor: judges what production recorded and writes artifacts/&lt;pipeline&gt;/monitor.json (monitor branch).</summary>
public interface IMonitor : IHazRegistry
{
    Target Monitor => _ => _
        .Description("Judges the production version's prediction log (drift, quality, service) and writes monitor.json")
        .Executes(() => throw new TrainyardException("Monitor is not in this build of Trainyard yet (it comes with the monitor branch)"));
}
