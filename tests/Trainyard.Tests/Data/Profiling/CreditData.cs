using System.Text;
using Trainyard.Data.Profiling;

namespace Trainyard.Tests.Data.Profiling;

/// <summary>
/// data/credit_data.csv profiled column by column without the CSV reader (someone else's): the file has no quoted
/// commas, so splitting on ',' and trimming the quotes yields the fields the scan would hand over.
/// </summary>
internal static class CreditData
{
    public static string Path { get; } = Find();

    public static ColumnAccumulator Accumulate(string column, ProfileOptions? options = null, int workers = 1)
    {
        var lines = File.ReadAllLines(Path);
        var index = Array.IndexOf(lines[0].Split(',').Select(h => h.Trim('"')).ToArray(), column);
        Assert.True(index >= 0, $"{column} is not a column of {Path}");
        var accumulators = Enumerable.Range(0, workers).Select(_ => new ColumnAccumulator(column, null, options ?? ProfileOptions.Default)).ToArray();
        for (var i = 1; i < lines.Length; i++)
        {
            var field = lines[i].Split(',')[index].Trim('"');
            accumulators[i * workers / lines.Length].Add(Encoding.UTF8.GetBytes(field), i + 1);
        }
        foreach (var other in accumulators.Skip(1)) accumulators[0].Merge(other);
        return accumulators[0];
    }

    private static string Find()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            var candidate = System.IO.Path.Combine(directory.FullName, "data", "credit_data.csv");
            if (File.Exists(candidate)) return candidate;
        }
        throw new FileNotFoundException("data/credit_data.csv not found above " + AppContext.BaseDirectory);
    }
}
