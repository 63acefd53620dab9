namespace Trainyard.Targets;

/// <summary>
/// A settings hook, NUKE's way: a component builds its settings (from the spec and the parameters), passes them
/// through the hook, and uses what the hook returns. The default hook returns them unchanged; a build changes them by
/// implementing the hook explicitly, e.g.
/// <c>Configure&lt;TrainingSettings&gt; ITrain.TrainingSettings =&gt; s =&gt; s with { Rounds = 200 };</c>
/// </summary>
/// <typeparam name="T">An immutable settings record; change it with <c>with { … }</c>.</typeparam>
public delegate T Configure<T>(T settings);
