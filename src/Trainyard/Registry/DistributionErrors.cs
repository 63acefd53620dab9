using System.Net;
using System.Text;
using System.Text.Json;

namespace Trainyard.Registry;

/// <summary>
/// Turns a registry's refusal into a <see cref="TrainyardException"/> in one shape —
/// <c>registry &lt;url&gt;: &lt;operation&gt;: &lt;status&gt; &lt;CODE&gt; &lt;message&gt; — &lt;what to do&gt;</c> —
/// carrying the distribution API's error body (<c>{"errors":[{"code","message","detail"}]}</c>) and never a secret.
/// </summary>
internal sealed class DistributionErrors(string location, RegistryCredentials credentials)
{
    public TrainyardException Refused(string operation, HttpResponseMessage response, string body)
    {
        var status = (int)response.StatusCode;
        var errors = ReadErrors(body);
        var text = new StringBuilder($"{status} ");
        if (errors.Count == 0) text.Append(response.ReasonPhrase).Append(body.Length > 0 ? $": {Shorten(body)}" : "");
        text.AppendJoin("; ", errors.Select(e => e.ToString()));
        return Fail(operation, text.ToString(), Hint(response.StatusCode, errors.FirstOrDefault()?.Code));
    }

    /// <summary>A step that kept failing on server errors or dropped connections, naming the URL last tried.</summary>
    public TrainyardException GaveUp(string operation, int attempts, RegistryUnavailableException last) =>
        Fail(operation, $"{last.Message} at {last.Url.GetLeftPart(UriPartial.Path)} (gave up after {attempts} attempts)",
            last.Answered ? "the registry is failing: see its logs, then run again" : "check that the registry is running and the URL is right, then run again",
            last.InnerException);

    public TrainyardException Fail(string operation, string what, string? hint = null, Exception? inner = null) =>
        new(Redact($"registry {location}: {operation}: {what}" + (hint is null ? "" : $" — {hint}")), innerException: inner);

    /// <summary>The codes of the error body (<c>DIGEST_INVALID</c>, <c>NAME_UNKNOWN</c>, …); empty when the body is not one.</summary>
    public static IReadOnlyList<RegistryError> ReadErrors(string body)
    {
        try
        {
            using var document = JsonDocument.Parse(body);
            if (document.RootElement.ValueKind != JsonValueKind.Object
                || !document.RootElement.TryGetProperty("errors", out var errors) || errors.ValueKind != JsonValueKind.Array) return [];
            return errors.EnumerateArray().Where(e => e.ValueKind == JsonValueKind.Object).Select(e => new RegistryError(
                Text(e, "code") ?? "UNKNOWN", Text(e, "message") ?? "", e.TryGetProperty("detail", out var d) ? Detail(d) : null)).ToList();
        }
        catch (JsonException) { return []; }
    }

    string? Hint(HttpStatusCode status, string? code) => (status, code) switch
    {
        (HttpStatusCode.Unauthorized, _) when credentials is { Username: null or "", Token: null or "" } =>
            "set --registry-username and --registry-password (or TRAINYARD_REGISTRY_USERNAME and TRAINYARD_REGISTRY_PASSWORD), or --registry-token",
        (HttpStatusCode.Unauthorized, _) when credentials.Token is { Length: > 0 } =>
            $"the registry refused the {credentials}: check --registry-token (or TRAINYARD_REGISTRY_TOKEN)",
        (HttpStatusCode.Unauthorized, _) =>
            $"the registry refused {credentials}: check --registry-username and --registry-password (or TRAINYARD_REGISTRY_…)",
        (HttpStatusCode.Forbidden, _) => $"{credentials} is not allowed to do this here: grant it access to the repository",
        (_, "DIGEST_INVALID") => "the bytes sent do not hash to their digest: the package is corrupt, build it again",
        (_, "BLOB_UNKNOWN" or "MANIFEST_UNKNOWN") => "the registry does not have it: push the model again",
        (_, "MANIFEST_BLOB_UNKNOWN") => "a blob the manifest names is missing from the repository: push the blobs first",
        (_, "NAME_INVALID") => "repository names are lower-case letters, digits and . _ - separated by /",
        (_, "UNSUPPORTED") => "this registry does not support the operation",
        _ => null,
    };

    static string? Text(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    static string? Detail(JsonElement detail) => detail.ValueKind switch
    {
        JsonValueKind.Null or JsonValueKind.Undefined => null,
        JsonValueKind.String => detail.GetString(),
        JsonValueKind.Array when Access(detail) is { } access => access,
        _ => Shorten(detail.GetRawText()),
    };

    /// <summary>An authorization error's detail lists the access it wanted (<c>[{"Type","Name","Action"}]</c>): "needs pull, push on models/x".</summary>
    static string? Access(JsonElement detail)
    {
        var wanted = detail.EnumerateArray()
            .Select(e => e.ValueKind == JsonValueKind.Object ? (Name: Text(e, "Name"), Action: Text(e, "Action")) : default)
            .ToList();
        if (wanted.Count == 0 || wanted.Any(w => w.Name is null || w.Action is null)) return null;
        return "needs " + string.Join("; ", wanted.GroupBy(w => w.Name).Select(g => $"{string.Join(", ", g.Select(w => w.Action).Distinct().Order(StringComparer.Ordinal))} on {g.Key}"));
    }

    static string Shorten(string body) => body.Length <= 300 ? body.Trim() : body[..300].Trim() + "…";

    // Messages never include request headers, but a proxy could echo a secret in its body.
    string Redact(string message)
    {
        foreach (var secret in new[] { credentials.Password, credentials.Token })
            if (!string.IsNullOrEmpty(secret)) message = message.Replace(secret, "***", StringComparison.Ordinal);
        return message;
    }
}

/// <summary>One entry of a distribution API error body.</summary>
internal sealed record RegistryError(string Code, string Message, string? Detail)
{
    public override string ToString() => $"{Code} {Message}" + (Detail is { Length: > 0 } ? $" ({Detail})" : "");
}
