using System.Buffers.Text;
using System.Collections.Concurrent;
using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Text.Json;

namespace Trainyard.Tests.Registry.Distribution;

/// <summary>
/// A token server for the registry's <c>auth: token</c>, on 127.0.0.1: it checks the client's basic credentials and
/// answers with a JWT (RS256) granting the scopes asked for, signed by a key whose self-signed certificate travels in
/// the token's <c>x5c</c> header and sits in the registry's <c>rootcertbundle</c>. It records every token request.
/// </summary>
public sealed class LocalTokenServer : IAsyncDisposable
{
    public const string Service = "trainyard-test-registry";
    public const string Issuer = "trainyard-test-token-server";

    readonly string _username;
    readonly string _password;
    readonly RSA _key = RSA.Create(2048);
    readonly X509Certificate2 _certificate;
    readonly HttpListener _listener = new();
    readonly Task _loop;

    public LocalTokenServer(string username, string password)
    {
        (_username, _password) = (username, password);
        var request = new CertificateRequest("CN=Trainyard test token issuer", _key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        _certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(1));
        Realm = new Uri($"http://127.0.0.1:{RegistryServer.FreePort()}/token");
        _listener.Prefixes.Add(Realm.GetLeftPart(UriPartial.Authority) + "/");
        _listener.Start();
        _loop = Task.Run(ServeAsync);
    }

    public Uri Realm { get; }

    public string CertificatePem => _certificate.ExportCertificatePem();

    /// <summary>The query string of each token request received (its <c>service</c> and <c>scope</c>s).</summary>
    public ConcurrentQueue<string> Requests { get; } = new();

    async Task ServeAsync()
    {
        while (_listener.IsListening)
        {
            HttpListenerContext context;
            try { context = await _listener.GetContextAsync(); }
            catch (Exception) when (!_listener.IsListening) { return; }
            catch (HttpListenerException) { return; }
            Requests.Enqueue(context.Request.Url!.Query);
            var (status, body) = Authorized(context.Request.Headers["Authorization"])
                ? (200, JsonSerializer.Serialize(new { access_token = Issue(context.Request.QueryString.GetValues("scope") ?? []), expires_in = 300 }))
                : (401, """{"errors":[{"code":"UNAUTHORIZED","message":"invalid username or password"}]}""");
            var bytes = Encoding.UTF8.GetBytes(body);
            context.Response.StatusCode = status;
            context.Response.ContentType = "application/json";
            context.Response.ContentLength64 = bytes.Length;
            await context.Response.OutputStream.WriteAsync(bytes);
            context.Response.Close();
        }
    }

    bool Authorized(string? header) =>
        header is not null && header.StartsWith("Basic ", StringComparison.Ordinal)
        && Encoding.UTF8.GetString(Convert.FromBase64String(header[6..])) == $"{_username}:{_password}";

    /// <summary>A JWT as distribution reads it: <c>iss</c>, <c>aud</c> = the service, a time window, and <c>access</c> per scope.</summary>
    public string Issue(params string[] scopes)
    {
        var now = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        var access = scopes.SelectMany(s => s.Split(' ')).Select(scope => scope.Split(':')).Where(p => p.Length == 3)
            .Select(p => new { type = p[0], name = p[1], actions = p[2].Split(',') }).ToArray();
        var header = new { alg = "RS256", typ = "JWT", x5c = new[] { Convert.ToBase64String(_certificate.RawData) } };
        var claims = new { iss = Issuer, sub = _username, aud = Service, iat = now, nbf = now - 10, exp = now + 300, jti = Guid.NewGuid().ToString("N"), access };
        var signed = $"{Base64Url.EncodeToString(JsonSerializer.SerializeToUtf8Bytes(header))}.{Base64Url.EncodeToString(JsonSerializer.SerializeToUtf8Bytes(claims))}";
        var signature = _key.SignData(Encoding.ASCII.GetBytes(signed), HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        return $"{signed}.{Base64Url.EncodeToString(signature)}";
    }

    public async ValueTask DisposeAsync()
    {
        // Close only: after Stop, Close unregisters the prefix again, and the managed listener re-binds the port to do
        // that — "Address already in use" when a parallel test has taken it meanwhile.
        _listener.Close();
        try { await _loop; } catch (ObjectDisposedException) { }
        _certificate.Dispose();
        _key.Dispose();
    }
}
