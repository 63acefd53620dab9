using System.Collections.Concurrent;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;

namespace Trainyard.Runtime.Registry;

/// <summary>
/// Authenticates requests the way the registry asks in its <c>WWW-Authenticate</c> challenge: <c>Basic</c> sends the
/// user and password; <c>Bearer realm=…,service=…,scope=…</c> trades them (or nothing, anonymously) at the realm for a
/// token, cached per scope. A ready-made token is sent as it is. Secrets go into headers only, never into messages.
/// Shared by the build side's DistributionStore and the model server's <see cref="RegistryPull"/>: both log in alike.
/// </summary>
internal sealed class DistributionAuth(HttpClient http, RegistryLogin credentials)
{
    readonly ConcurrentDictionary<string, string> _tokens = new();
    volatile bool _basic;

    /// <summary>Adds what the registry is known to want for <paramref name="scope"/> (nothing before its first challenge).</summary>
    public void Apply(HttpRequestMessage request, string scope)
    {
        if (credentials.Token is { Length: > 0 } token)
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        else if (_tokens.TryGetValue(scope, out var scoped))
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", scoped);
        else if (_basic && Basic() is { } basic)
            request.Headers.Authorization = basic;
    }

    /// <summary>
    /// Answers a 401's challenge so that a resent request can pass: true when there is something new to try.
    /// A refused token server becomes the caller's own error, from <paramref name="fail"/>.
    /// </summary>
    public async Task<bool> AnswerAsync(HttpResponseMessage unauthorized, string scope, Func<string, Exception> fail, CancellationToken cancellationToken)
    {
        if (credentials.Token is { Length: > 0 }) return false;
        foreach (var challenge in unauthorized.Headers.WwwAuthenticate)
        {
            if (challenge.Scheme.Equals("Basic", StringComparison.OrdinalIgnoreCase))
            {
                if (Basic() is null) return false;
                _basic = true;
                // Worth a resend only if this request went without them (a parallel one may have learnt of Basic first).
                return unauthorized.RequestMessage?.Headers.Authorization?.Scheme != "Basic";
            }
            if (challenge.Scheme.Equals("Bearer", StringComparison.OrdinalIgnoreCase) && challenge.Parameter is { } parameter)
            {
                _tokens[scope] = await FetchTokenAsync(ParseParameters(parameter), fail, cancellationToken).ConfigureAwait(false);
                return true;
            }
        }
        return false;
    }

    async Task<string> FetchTokenAsync(IReadOnlyDictionary<string, string> challenge, Func<string, Exception> fail, CancellationToken cancellationToken)
    {
        if (!challenge.TryGetValue("realm", out var realm) || !Uri.TryCreate(realm, UriKind.Absolute, out var realmUrl))
            throw fail("the registry asked for a bearer token without a usable realm URL");
        var query = new List<string>();
        if (challenge.TryGetValue("service", out var service)) query.Add("service=" + Uri.EscapeDataString(service));
        // Several scopes (a mount needs the source repository too) are space-separated in the challenge.
        if (challenge.TryGetValue("scope", out var scopes))
            query.AddRange(scopes.Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(s => "scope=" + Uri.EscapeDataString(s)));
        var url = new UriBuilder(realmUrl) { Query = string.Join('&', query.Prepend(realmUrl.Query.TrimStart('?')).Where(q => q.Length > 0)) }.Uri;

        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        request.Headers.Authorization = Basic();
        var where = $"token server {url.GetLeftPart(UriPartial.Path)}";
        HttpResponseMessage response;
        try { response = await http.SendAsync(request, cancellationToken).ConfigureAwait(false); }
        catch (HttpRequestException e) { throw fail($"{where} could not be reached ({e.Message})"); }
        using var _ = response;
        var body = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
        if (!response.IsSuccessStatusCode)
        {
            var reason = RegistryError.ReadAll(body).FirstOrDefault()?.ToString() ?? response.ReasonPhrase;
            throw fail($"{where} refused {credentials}: {(int)response.StatusCode} {reason}");
        }
        try
        {
            using var document = JsonDocument.Parse(body);
            foreach (var name in new[] { "token", "access_token" })
                if (document.RootElement.TryGetProperty(name, out var token) && token.GetString() is { Length: > 0 } value)
                    return value;
        }
        catch (JsonException) { }
        throw fail($"{where} answered without a 'token' or 'access_token'");
    }

    AuthenticationHeaderValue? Basic() =>
        credentials is { Username: { Length: > 0 } user, Password: { Length: > 0 } password }
            ? new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{user}:{password}")))
            : null;

    /// <summary>Reads <c>realm="…",service="…",scope="…"</c> (RFC 7235 auth-params; values may be quoted and contain commas).</summary>
    internal static IReadOnlyDictionary<string, string> ParseParameters(string parameter)
    {
        var result = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        var i = 0;
        while (i < parameter.Length)
        {
            while (i < parameter.Length && (parameter[i] == ',' || char.IsWhiteSpace(parameter[i]))) i++;
            var equals = parameter.IndexOf('=', i);
            if (equals < 0) break;
            var name = parameter[i..equals].Trim();
            i = equals + 1;
            var value = new StringBuilder();
            if (i < parameter.Length && parameter[i] == '"')
            {
                for (i++; i < parameter.Length && parameter[i] != '"'; i++)
                    value.Append(parameter[i] == '\\' && i + 1 < parameter.Length ? parameter[++i] : parameter[i]);
                i++;
            }
            else
                for (; i < parameter.Length && parameter[i] != ','; i++) value.Append(parameter[i]);
            result[name] = value.ToString().Trim();
        }
        return result;
    }
}
