using System.Diagnostics;
using System.Globalization;

namespace Trainyard.Benchmarks;

/// <summary>
/// Where and how a benchmark process runs: confined to <paramref name="Cores"/> with taskset (all cores when null)
/// and at <paramref name="Niceness"/> with nice (0: as started). Both exec the program, so the process started is
/// the program itself, and the .NET runtime or Python sees only the cores it was given.
/// </summary>
internal sealed record Placement(string? Cores, int Niceness)
{
    public ProcessStartInfo StartInfo(string file, IEnumerable<string> args)
    {
        List<string> command = [];
        if (Niceness != 0) command.AddRange(["nice", "-n", Niceness.ToString(CultureInfo.InvariantCulture)]);
        if (Cores is not null) command.AddRange(["taskset", "-c", Cores]);
        command.Add(file);
        command.AddRange(args);
        return new ProcessStartInfo(command[0], command.Skip(1));
    }

    public override string ToString() =>
        (Cores is null ? "all cores" : $"core {Cores}") + (Niceness == 0 ? "" : $", nice {Niceness}");
}
