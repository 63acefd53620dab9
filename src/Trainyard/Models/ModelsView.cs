using System.Globalization;
using System.Text.Json;
using Spectre.Console;
using Trainyard.Evaluation;
using Trainyard.Registry;
using Trainyard.Runtime.Packaging;

namespace Trainyard.Models;

/// <summary>What Models prints: the table of versions, one version's lineage, and which version held each alias when.</summary>
internal static class ModelsView
{
    public static void RenderVersions(IAnsiConsole console, string model, string location, IReadOnlyList<ModelVersion> versions, AliasHistory history)
    {
        if (versions.Count == 0)
        {
            console.WriteLine($"{model} has no versions in {location} yet: run ./build.sh Package to publish one.");
            return;
        }
        var table = new Table().Border(TableBorder.Rounded).Title(Markup.Escape($"{model} in {location}: {versions.Count} version(s)"))
            .AddColumns("Version", "Digest", "Created (UTC)", "Commit", "Trigger", "Metrics", "Aliases");
        foreach (var v in versions.AsEnumerable().Reverse())
            table.AddRow(Markup.Escape(v.Tag), ModelVersion.Short(v.Digest), Time(v.Metadata.Created), v.Metadata.Lineage.Commit is { } c ? c[..Math.Min(7, c.Length)] : "–",
                Markup.Escape(v.Metadata.Lineage.Trigger ?? "–"), Headline(v.Metadata), string.Join(", ", v.Aliases));
        console.Write(table);
        var recent = history.Moves.TakeLast(5).Reverse().ToList();
        if (recent.Count > 0)
        {
            console.WriteLine("Latest alias moves:");
            foreach (var move in recent) console.WriteLine("  " + Describe(move));
        }
    }

    /// <summary>Where a version came from, what it holds, and every alias move that concerned it.</summary>
    public static void RenderLineage(IAnsiConsole console, ModelVersion version, OciManifest manifest, AliasHistory history)
    {
        var m = version.Metadata;
        var facts = new Grid().AddColumn(new GridColumn().PadRight(2)).AddColumn();
        void Fact(string name, string value) => facts.AddRow(new Text("  " + name), new Text(value));
        Fact("reference", $"{version.Reference}  {version.DigestReference}");
        Fact("aliases", version.Aliases.Count == 0 ? "none" : string.Join(", ", version.Aliases));
        Fact("task", m.Task);
        Fact("created", Time(m.Created) + " UTC");
        Fact("content key", m.ContentKey);
        Fact("metrics", Headline(m, all: true));
        foreach (var (name, value) in Flatten(JsonSerializer.SerializeToElement(m.Lineage, LineageJson), ""))
            Fact(name, value);
        console.WriteLine($"{version.Reference}:");
        console.Write(facts);

        console.WriteLine("Files:");
        foreach (var layer in manifest.Layers)
            console.WriteLine($"  {ModelRegistry.TitleOf(layer) ?? "(untitled)",-18} {layer.Size,10:N0} bytes  {layer.Digest}");
        var moves = history.Moves.Where(x => x.To == version.Digest || x.From == version.Digest).ToList();
        console.WriteLine(moves.Count == 0 ? "Alias moves: none" : "Alias moves:");
        foreach (var move in moves) console.WriteLine("  " + Describe(move));
    }

    /// <summary>Which version each alias pointed at, at <paramref name="at"/>, from the history.</summary>
    public static void RenderAliasesAt(IAnsiConsole console, string model, DateTimeOffset at, AliasHistory history)
    {
        var table = new Table().Border(TableBorder.Rounded).Title(Markup.Escape($"{model} aliases at {Time(at)} UTC"))
            .AddColumns("Alias", "Version", "Digest", "Since (UTC)", "By", "Reason");
        foreach (var alias in history.Aliases)
        {
            string[] row = history.HolderAt(alias, at) is { } held
                ? [alias, held.Version, ModelVersion.Short(held.To), Time(held.At), held.Who, held.Reason]
                : [alias, "none yet", "", "", "", ""];
            table.AddRow(row);
        }
        if (history.Aliases.Count == 0) console.WriteLine($"{model} has no alias history yet: aliases move with Package and Promote.");
        else console.Write(table);
    }

    public static string Describe(AliasMove move) =>
        $"{Time(move.At)} {move.Summary} by {move.Who} (gates {move.Gates}): {move.Reason}";

    static string Time(DateTimeOffset time) => time.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture);

    /// <summary>The task's main metrics first (auc, f1; rmse, r2; accuracy, macro_f1), then, when asked, the rest.</summary>
    static string Headline(ModelMetadata metadata, bool all = false)
    {
        string[] first = metadata.Task switch
        {
            "binary" => ["auc", "f1"],
            "regression" => ["rmse", "r2"],
            _ => ["accuracy", "macro_f1"],
        };
        var names = first.Where(metadata.Metrics.ContainsKey)
            .Concat(all ? metadata.Metrics.Keys.Except(first).Order(StringComparer.Ordinal) : []).ToList();
        if (names.Count == 0) names = [.. metadata.Metrics.Keys.Order(StringComparer.Ordinal).Take(2)];
        return names.Count == 0 ? "–" : string.Join(", ", names.Select(n => $"{n} {MetricLookup.Format(metadata.Metrics[n])}"));
    }

    static readonly JsonSerializerOptions LineageJson = new() { PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower };

    /// <summary>
    /// The lineage as <c>data.sha256: …</c> lines, whatever fields it has: the package format adds fields over time,
    /// and a listing should show them without being taught each one.
    /// </summary>
    static IEnumerable<(string Name, string Value)> Flatten(JsonElement element, string prefix) => element.ValueKind switch
    {
        JsonValueKind.Object => element.EnumerateObject().SelectMany(p => Flatten(p.Value, prefix.Length == 0 ? p.Name : $"{prefix}.{p.Name}")),
        JsonValueKind.Array => element.EnumerateArray().SelectMany((item, i) => Flatten(item, $"{prefix}[{i}]")),
        JsonValueKind.Null => [(prefix, "unknown")],
        JsonValueKind.String => [(prefix, element.GetString()!)],
        _ => [(prefix, element.GetRawText())],
    };
}
