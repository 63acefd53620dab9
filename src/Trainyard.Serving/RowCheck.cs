using System.Globalization;
using System.Text.Json;
using Trainyard.Runtime.Packaging;

namespace Trainyard.Serving;

/// <summary>
/// A request row against the package's signature, before scoring: each input's type, the required ones present and
/// not null, and — when the server rejects them — categories training never saw. Collects every problem rather than
/// stopping at the first, so one answer tells the client all it must fix. Allocates only when a row is wrong. The
/// signature's inputs are the featurizer's columns, in the same order.
/// </summary>
internal sealed class RowCheck(ModelSignature signature, Runtime.Features.Featurizer featurizer, bool rejectUnseenCategories)
{
    /// <summary>
    /// Finds each column's value in <paramref name="row"/> (into <paramref name="values"/>, for the featurizer) and adds
    /// each problem to <paramref name="errors"/> (made at the first) under the row's prefix (none for a single row,
    /// <c>[i].</c> for row i of a batch) + field name. A right row allocates nothing.
    /// </summary>
    public void Check(JsonElement row, Span<JsonElement> values, int batchIndex, ref Dictionary<string, string[]>? errors)
    {
        if (row.ValueKind != JsonValueKind.Object)
        {
            var prefix = Prefix(batchIndex);
            Add(ref errors, prefix.Length == 0 ? "$" : prefix, $"a row must be a JSON object of column → value, got a JSON {Kind(row)}");
            return;
        }
        featurizer.FindColumns(row, values);
        var inputs = signature.Inputs;
        for (var c = 0; c < inputs.Count; c++)
        {
            var value = values[c];
            // The usual right values first, without looking at the input's type name: a number for a numeric input.
            if (value.ValueKind == JsonValueKind.Number && _numeric[c]) continue;
            var input = inputs[c];
            var problem = value.ValueKind is JsonValueKind.Undefined or JsonValueKind.Null || value is { ValueKind: JsonValueKind.String } && value.ValueEquals(""u8)
                ? input.Required ? $"required: give a {Expected(input.Type)}; this column may not be missing" : null
                : Problem(c, input, value);
            if (problem is not null) Add(ref errors, Prefix(batchIndex) + input.Name, problem);
        }
    }

    readonly bool[] _numeric = [.. signature.Inputs.Select(i => i.Type == "numeric")];

    static string Prefix(int batchIndex) => batchIndex < 0 ? "" : $"[{batchIndex}].";

    static void Add(ref Dictionary<string, string[]>? errors, string field, string problem) =>
        (errors ??= new Dictionary<string, string[]>(StringComparer.Ordinal))[field] = [problem];

    string? Problem(int column, SignatureInput input, JsonElement value) => (input.Type, value.ValueKind) switch
    {
        ("numeric", JsonValueKind.Number) => null,
        ("numeric", JsonValueKind.String) when double.TryParse(value.GetString(), NumberStyles.Float, CultureInfo.InvariantCulture, out _) => null,
        ("boolean", JsonValueKind.True or JsonValueKind.False) => null,
        ("boolean", JsonValueKind.Number) when value.TryGetDouble(out var n) && n is 0 or 1 => null,
        ("boolean", JsonValueKind.String) when value.GetString() is { } s
            && (s.Equals("true", StringComparison.OrdinalIgnoreCase) || s.Equals("false", StringComparison.OrdinalIgnoreCase)) => null,
        ("categorical", JsonValueKind.String or JsonValueKind.Number or JsonValueKind.True or JsonValueKind.False) =>
            rejectUnseenCategories && featurizer.SlotOf(column, CategoryText(value)) < 0
                ? $"unknown category '{Shorten(CategoryText(value))}'; training saw {string.Join(", ", input.Categories ?? [])}"
                : null,
        _ => $"expected a {Expected(input.Type)}, got {Describe(value)}",
    };

    static string CategoryText(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.String => value.GetString()!,
        JsonValueKind.True => "true",
        JsonValueKind.False => "false",
        _ => value.GetRawText(),
    };

    static string Expected(string type) => type switch
    {
        "numeric" => "number",
        "boolean" => "boolean (true, false, 0 or 1)",
        _ => "category (a string)",
    };

    static string Describe(JsonElement value) =>
        value.ValueKind is JsonValueKind.String or JsonValueKind.Number ? $"{Kind(value)} '{Shorten(value.ToString())}'" : $"a JSON {Kind(value)}";

    static string Kind(JsonElement value) => value.ValueKind.ToString().ToLowerInvariant() switch { "true" or "false" => "boolean", var k => k };

    static string Shorten(string text) => text.Length > 60 ? text[..57] + "..." : text;
}
