using System.Diagnostics;

namespace Trainyard.Benchmarks;

/// <summary>One run of one side: rows, seconds, peak resident kilobytes (and CPU seconds, when it printed them), parsed from the line the run printed.</summary>
internal sealed record Measurement(long Rows, double Seconds, long PeakKilobytes, double CpuSeconds = double.NaN)
{
    public double RowsPerSecond => Rows / Seconds;

    /// <summary>Every <c>name=value</c> field of the line the run printed (phases, counters), for the benchmarks that print more.</summary>
    public IReadOnlyDictionary<string, string> Fields { get; init; } = new Dictionary<string, string>();

    public static async Task<Measurement> RunAsync(string program, IEnumerable<string> arguments, IReadOnlyDictionary<string, string>? environment = null)
    {
        var start = new ProcessStartInfo(program) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var (name, value) in environment ?? new Dictionary<string, string>()) start.Environment[name] = value;
        foreach (var argument in arguments) start.ArgumentList.Add(argument);
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
            throw new InvalidOperationException($"{program} {string.Join(' ', start.ArgumentList)} failed ({process.ExitCode}): {await errors}");
        var fields = (await output).Trim().Split('\n')[^1].Split(' ')
            .Select(f => f.Split('=', 2)).Where(p => p.Length == 2).ToDictionary(p => p[0], p => p[1]);
        return new Measurement(long.Parse(fields["rows"]), double.Parse(fields["seconds"]), long.Parse(fields["peak_kb"]),
            fields.TryGetValue("cpu", out var cpu) ? double.Parse(cpu) : double.NaN) { Fields = fields };
    }
}
