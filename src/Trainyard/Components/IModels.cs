using System.Globalization;
using Spectre.Console;
using Trainyard.Models;
using Trainyard.Registry;
using Trainyard.Targets;

namespace Trainyard.Components;

/// <summary>
/// Models: the model's versions in the registry (version, digest, created, commit, headline metrics, aliases);
/// <c>--version v3</c> shows one version's lineage; <c>--at 2026-11-01T12:00Z</c> shows which version each alias
/// held at that time, from the alias history. CollectGarbage deletes the local registry's unreferenced blobs.
/// </summary>
public interface IModels : IHazRegistry
{
    [Parameter("A model version, e.g. v7: Models shows its lineage, Promote points --alias at it, Rollback goes back to it")]
    string? Version => TryGetValue(() => Version);

    [Parameter("A time (UTC unless it says otherwise), e.g. 2026-11-01T12:00Z: Models shows which version each alias held then")]
    string? At => TryGetValue(() => At);

    Target Models => _ => _
        .Description("Lists the model's versions in the registry with metrics and aliases; --version v3 shows lineage, --at TIME past aliases")
        .AlwaysRuns("it shows what the registry holds now, which Trainyard does not fingerprint")
        .Executes(async cancellationToken =>
        {
            var at = At is { } text ? ParseTime(text) : (DateTimeOffset?)null;
            var console = Context.Console;
            await WithRegistryAsync(async registry =>
            {
                console.WriteLine($"Reading {registry.Model} from {registry.Location} …");
                var history = await registry.ReadHistoryAsync(cancellationToken);
                if (at is { } time) ModelsView.RenderAliasesAt(console, registry.Model, time, history);
                else if (Version is { } wanted)
                {
                    var version = await registry.FindAsync(wanted, cancellationToken)
                        ?? throw new TrainyardException($"{registry.Location}: {registry.Model} has no version or alias '{wanted}'; run Models to list them");
                    ModelsView.RenderLineage(console, version, await registry.ReadManifestAsync(version, cancellationToken), history);
                    var images = await registry.ReadImagesAsync(version, cancellationToken);
                    console.WriteLine(images.Count == 0 ? "Images: none (Containerize builds one)" : "Images:");
                    foreach (var image in images)
                        console.WriteLine($"  {image.Reference}  {image.DigestReference ?? "not pushed"}  (image id {image.ImageId}, built {image.BuiltAt:yyyy-MM-dd HH:mm:ss} UTC)");
                }
                else ModelsView.RenderVersions(console, registry.Model, registry.Location, await registry.ListAsync(cancellationToken), history);
            });
        });

    Target CollectGarbage => _ => _
        .Description("Deletes the blobs of the local registry folder that no version, alias or history entry reaches")
        .AlwaysRuns("it looks at what the registry holds now, which Trainyard does not fingerprint")
        .Executes(async cancellationToken =>
        {
            var (done, where) = await WithRegistryAsync(async registry => (await registry.CollectGarbageAsync(cancellationToken), $"{registry.Location}/{registry.Model}"));
            Context.Console.WriteLine(done.Deleted == 0
                ? $"Nothing to collect in {where}: all {done.Kept} blob(s) are reachable from a tag."
                : $"Deleted {done.Deleted} unreferenced file(s), {done.BytesFreed:N0} bytes, from {where}; kept {done.Kept} reachable blob(s).");
        });

    private static DateTimeOffset ParseTime(string text) =>
        DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AllowWhiteSpaces, out var time)
            ? time
            : throw new UsageException($"--at '{text}' is not a time: write it as 2026-11-01T12:00Z (UTC) or 2026-11-01T14:00+02:00");
}
