using System.Text.Json;
using Trainyard.IO;

namespace Trainyard.Targets;

/// <summary>
/// The fingerprint a target's last successful run produced its outputs from, stored in
/// <c>.trainyard/state/&lt;Target&gt;-&lt;hash of the output paths&gt;.json</c>: one file per set of outputs,
/// so running the target for another pipeline does not overwrite this one's record.
/// </summary>
internal sealed record TargetState(
    string Fingerprint,
    string ToolVersion,
    SortedDictionary<string, string> Parameters,
    SortedDictionary<string, string>? Values,
    SortedDictionary<string, string> Inputs,
    IReadOnlyList<string> Outputs)
{
    private static readonly JsonSerializerOptions Json = new() { WriteIndented = true };

    public static string PathFor(string root, string target, IReadOnlyList<string> outputs)
    {
        var key = Targets.Fingerprint.Sha256(string.Join("\n", outputs.Order(StringComparer.Ordinal)))[..12];
        return Path.Combine(root, ".trainyard", "state", $"{target}-{key}.json");
    }

    public static TargetState? Read(string path)
    {
        if (!File.Exists(path)) return null;
        try
        {
            return JsonSerializer.Deserialize<TargetState>(File.ReadAllText(path), Json);
        }
        catch (JsonException)
        {
            return null; // A damaged record only costs a re-run.
        }
    }

    public Task WriteAsync(string path, CancellationToken cancellationToken) =>
        AtomicFile.WriteAllTextAsync(path, JsonSerializer.Serialize(this, Json), cancellationToken);
}
