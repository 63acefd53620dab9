namespace Trainyard.Targets;

/// <summary>Decides whether a target with outputs can be skipped, and otherwise says in one phrase why it runs.</summary>
internal static class UpToDateCheck
{
    /// <returns>Null when up to date; otherwise the reason the target runs.</returns>
    public static string? WhyRun(TargetState? previous, Fingerprint current, IReadOnlyList<string> outputs, string root)
    {
        if (previous is null) return "no previous run recorded";
        if (previous.ToolVersion != current.ToolVersion) return "tool version changed";
        if (FirstDifference(previous.Parameters, current.Parameters) is { } parameter) return $"parameter {parameter} changed";
        if (FirstDifference(previous.Values ?? [], current.Values) is { } value) return $"{value} changed";
        if (FirstDifference(previous.Inputs, current.Inputs) is { } input) return $"input {input} changed";
        if (outputs.FirstOrDefault(o => !Exists(Path.GetFullPath(o, root))) is { } missing) return $"output {missing} is missing";
        return previous.Fingerprint == current.Hash ? null : "fingerprint changed";
    }

    private static string? FirstDifference(IReadOnlyDictionary<string, string> before, IReadOnlyDictionary<string, string> now) =>
        before.Keys.Union(now.Keys).Order(StringComparer.Ordinal)
            .FirstOrDefault(key => !before.TryGetValue(key, out var a) || !now.TryGetValue(key, out var b) || a != b);

    private static bool Exists(string path) => File.Exists(path) || Directory.Exists(path);
}
