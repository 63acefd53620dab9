using Spectre.Console;
using Trainyard.Registry;
using Trainyard.Targets;

namespace Trainyard.Components;

/// <summary>
/// Promote: points an alias (<c>staging</c>, <c>production</c>, any lower-case name that is not a version) at a
/// version, with a reason, and records the move in the registry's alias history:
/// <c>./build.sh Promote --version v7 --alias production --reason "beats v6 on the October data"</c>.
/// </summary>
public interface IPromote : IModels, IHazReason
{
    [Parameter("The alias Promote moves, e.g. staging or production")]
    string? Alias => TryGetValue(() => Alias);

    Target Promote => _ => _
        .Description("Points --alias at --version with a --reason, and records the move in the registry's alias history")
        .Requires(() => Version)
        .Requires(() => Alias)
        .Requires(() => Reason)
        .AlwaysRuns("moving an alias changes the registry each time it is asked for")
        .Executes(async cancellationToken =>
        {
            var (version, alias, reason) = (Version!, Alias!, Reason!);
            var (move, registryName) = await WithRegistryAsync(async registry =>
                (await registry.MoveAliasAsync(alias, version, reason, RegistryUser, cancellationToken), $"{registry.Model} in {registry.Location}"));
            if (move is null)
            {
                Context.Console.WriteLine($"{alias} already points at {version} of {registryName}: nothing moved, nothing recorded.");
                return;
            }
            Context.Console.WriteLine($"Moved {move.Summary} of {registryName}");
            Context.Console.WriteLine($"  {move.From ?? "(new alias)"} → {move.To}");
            Context.Console.WriteLine($"  by {move.Who} at {move.At.UtcDateTime:yyyy-MM-dd HH:mm:ss} UTC, gates {move.Gates}: {move.Reason}");
            Context.Console.WriteLine("Recorded in the alias history (./build.sh Models --at TIME shows who held what when).");
        });
}
