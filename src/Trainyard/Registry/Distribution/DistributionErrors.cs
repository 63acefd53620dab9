using System.Net;
using System.Text;
using Trainyard.Runtime.Registry;

namespace Trainyard.Registry.Distribution;

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
        if (errors.Count == 0) text.Append(response.ReasonPhrase).Append(body.Length > 0 ? $": {RegistryError.Shorten(body)}" : "");
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
    public static IReadOnlyList<RegistryError> ReadErrors(string body) => RegistryError.ReadAll(body);

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

    // Messages never include request headers, but a proxy could echo a secret in its body.
    string Redact(string message)
    {
        foreach (var secret in new[] { credentials.Password, credentials.Token })
            if (!string.IsNullOrEmpty(secret)) message = message.Replace(secret, "***", StringComparison.Ordinal);
        return message;
    }
}
