using System.Globalization;

namespace Trainyard.Runtime.Hosting;

/// <summary>
/// Reads the model server's and the gateway's settings from environment variables and gathers every problem, each
/// naming the variable and what to set, so one restart fixes them all.
/// </summary>
internal sealed class EnvironmentSettings(Func<string, string?> variable)
{
    readonly List<string> _problems = [];

    public IReadOnlyList<string> Problems => _problems;

    public void Problem(string problem) => _problems.Add(problem);

    /// <summary>The variable's value trimmed; null when it is unset or empty.</summary>
    public string? Text(string name) => variable(name) is { Length: > 0 } value ? value.Trim() : null;

    /// <summary>A secret's value as it is, spaces included (never trimmed, and never echoed in a problem); null when unset or empty.</summary>
    public string? Secret(string name) => variable(name) is { Length: > 0 } value ? value : null;

    /// <summary>A whole number from <paramref name="min"/> to <paramref name="max"/>; <paramref name="fallback"/> when unset (or wrong, with a problem).</summary>
    public long Number(string name, long fallback, long min, long max)
    {
        if (Text(name) is not { } text) return fallback;
        if (long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value >= min && value <= max) return value;
        _problems.Add($"{name}='{text}' is not a whole number from {min} to {max}");
        return fallback;
    }

    /// <summary>A problem when <paramref name="path"/> (the value of <paramref name="name"/>, a file the process writes) is in a folder that does not exist.</summary>
    public void RequireFolderOf(string name, string? path)
    {
        if (path is not null && Path.GetDirectoryName(Path.GetFullPath(path)) is { } folder && !Directory.Exists(folder))
            _problems.Add($"{name}={path}: the folder {folder} does not exist; create it or choose another path");
    }
}
