using System.Formats.Tar;
using System.Text.RegularExpressions;
using Trainyard.Deploy;
using Trainyard.Docker;

namespace Trainyard.Monitoring;

/// <summary>
/// Copies the prediction logs out of a model's server containers, found by their deploy labels, through the Engine
/// API's archive endpoint (as <c>docker cp</c> does), so Monitor reads them where the servers run — also on a
/// remote Docker host. Streamed entry by entry: a large log is never held in memory.
/// </summary>
internal static partial class ContainerLogs
{
    /// <summary>Where the Docker provider has each server write its log: <c>/log/&lt;model&gt;-&lt;version&gt;.jsonl</c> (DockerProvider.StartAsync).</summary>
    public const string Folder = "/log";

    /// <summary>Copies every server's log files (rotations included) into <paramref name="destination"/>; returns the containers read.</summary>
    public static async Task<IReadOnlyList<string>> CopyAsync(DockerEngine engine, string model, string destination, CancellationToken cancellationToken)
    {
        var servers = (await engine.ListContainersAsync($"{DeployLabels.Model}={model}", all: true, cancellationToken))
            .Where(c => c.Labels.GetValueOrDefault(DeployLabels.Role) == "server").ToList();
        if (servers.Count == 0)
            throw new TrainyardException($"no model server of {model} on {engine.Host} (containers labelled {DeployLabels.Model}={model}): "
                + "give the prediction logs' folder with --log or monitor.log");
        Directory.CreateDirectory(destination);
        var read = new List<string>();
        foreach (var server in servers)
        {
            var version = server.Labels.GetValueOrDefault(DeployLabels.Version) ?? "";
            await using var archive = await engine.ReadArchiveAsync(server.Id, Folder, cancellationToken);
            if (archive is null) continue;
            var copied = false;
            await using var tar = new TarReader(archive);
            while (await tar.GetNextEntryAsync(copyData: false, cancellationToken) is { } entry)
            {
                var name = Path.GetFileName(entry.Name.TrimEnd('/'));
                if (entry.EntryType is not (TarEntryType.RegularFile or TarEntryType.V7RegularFile) || !IsLogOf(name, model, version)) continue;
                // Servers sharing one bind-mounted folder show the same files: each is copied once.
                var target = Path.Combine(destination, name);
                if (!File.Exists(target)) await entry.ExtractToFileAsync(target, overwrite: false, cancellationToken);
                copied = true;
            }
            if (copied) read.Add(server.Names.FirstOrDefault() ?? server.Id);
        }
        if (read.Count == 0)
            throw new TrainyardException($"the model servers of {model} on {engine.Host} ({string.Join(", ", servers.Select(s => s.Names.FirstOrDefault() ?? s.Id))}) "
                + $"keep no prediction log in {Folder}: set deploy.prediction_log and deploy again, or give the logs' folder with --log");
        return read;
    }

    static bool IsLogOf(string name, string model, string version) =>
        LogName().Match(name) is { Success: true } match && match.Groups["base"].Value == $"{model}-{version}";

    [GeneratedRegex(@"^(?<base>.+)\.jsonl(\.[0-9]{1,6})?$")]
    private static partial Regex LogName();
}
