using System.Text.Json.Serialization;
using Trainyard.Runtime.Packaging;

namespace Trainyard.Serving;

/// <summary>Source-generated JSON for what the server writes, so the hot path needs no reflection.</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower)]
[JsonSerializable(typeof(Prediction))]
[JsonSerializable(typeof(ProblemBody))]
internal sealed partial class ServingJson : JsonSerializerContext;

/// <summary>An RFC 7807 problem: <c>errors</c> maps each offending field (<c>Age</c>, <c>[3].Home</c> in a batch) to what is wrong with it.</summary>
internal sealed record ProblemBody(
    string Title,
    int Status,
    string Detail,
    string? RequestId,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] IReadOnlyDictionary<string, string[]>? Errors = null)
{
    public string Type => "about:blank";
}
