using System.Text;
using System.Text.Json;
using Trainyard.Data;
using Trainyard.Data.Profiling;

namespace Trainyard.Tests.Data.Profiling;

/// <summary>
/// Fields laid out as a worker's batch sees them, added in batches of 1,000 and one at a time: the profile and the
/// violations must be the same. The chunk ends right after the last field (no line end), so the last fields have
/// fewer than 16 bytes after them; every 5th field lives in the unquoted copy instead.
/// </summary>
internal static class BatchAgainstSingleAdds
{
    public static void AssertSame(IReadOnlyList<string> texts, ColumnSchema declared, ProfileOptions options)
    {
        var (chunk, unquoted) = (new List<byte>(), new List<byte>());
        var (starts, lengths) = (new int[texts.Count], new int[texts.Count]);
        for (var i = 0; i < texts.Count; i++)
        {
            var bytes = Encoding.UTF8.GetBytes(texts[i]);
            var target = i % 5 == 4 ? unquoted : chunk;
            starts[i] = target == chunk ? target.Count : ~target.Count;
            lengths[i] = bytes.Length;
            target.AddRange(bytes);
            if (i < texts.Count - 1) target.Add(i % 3 == 0 ? (byte)'\n' : (byte)',');
        }
        var lines = Enumerable.Range(2, texts.Count).Select(l => (long)l).ToArray();

        var batched = new ColumnAccumulator(declared.Name, declared, options);
        for (var at = 0; at < texts.Count; at += 1_000)
        {
            var count = Math.Min(1_000, texts.Count - at);
            batched.AddBatch(new ColumnFields(chunk.ToArray(), unquoted.ToArray(),
                starts.AsSpan(at, count), lengths.AsSpan(at, count), lines.AsSpan(at, count)));
        }
        var single = new ColumnAccumulator(declared.Name, declared, options);
        for (var i = 0; i < texts.Count; i++) single.Add(Encoding.UTF8.GetBytes(texts[i]), lines[i]);

        Assert.Equal(ProfileJson.Serialize(single.ToProfile()), ProfileJson.Serialize(batched.ToProfile()));
        Assert.Equal(JsonSerializer.Serialize(single.ToViolations()), JsonSerializer.Serialize(batched.ToViolations()));
        Assert.Equal(texts.Count(t => t.Length == 0), batched.ToProfile().Missing);
    }
}
