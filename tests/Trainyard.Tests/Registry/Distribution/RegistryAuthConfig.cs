using System.Diagnostics;

namespace Trainyard.Tests.Registry.Distribution;

/// <summary>The <c>auth:</c> section of a local registry's configuration, with the files it points at.</summary>
public abstract record RegistryAuthConfig
{
    /// <summary>Writes the section's files into <paramref name="directory"/> and returns the YAML, starting at column 0.</summary>
    internal abstract Task<string> WriteAsync(string directory, CancellationToken cancellationToken);
}

/// <summary>Basic authentication against an htpasswd file; the registry takes only bcrypt, made by apache2-utils' htpasswd.</summary>
public sealed record HtpasswdAuth(string Username, string Password) : RegistryAuthConfig
{
    const string Htpasswd = "/usr/bin/htpasswd";

    internal override async Task<string> WriteAsync(string directory, CancellationToken cancellationToken)
    {
        if (!File.Exists(Htpasswd))
            throw new InvalidOperationException($"{Htpasswd} is missing (bcrypt for the registry's basic auth): run apt-get install apache2-utils");
        var start = new ProcessStartInfo(Htpasswd, ["-B", "-b", "-n", Username, Password])
        {
            RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false,
        };
        using var process = Process.Start(start)!;
        var line = await process.StandardOutput.ReadToEndAsync(cancellationToken);
        var error = await process.StandardError.ReadToEndAsync(cancellationToken);
        await process.WaitForExitAsync(cancellationToken);
        if (process.ExitCode != 0) throw new InvalidOperationException($"htpasswd failed ({process.ExitCode}): {error}");
        var path = Path.Combine(directory, "htpasswd");
        await File.WriteAllTextAsync(path, line, cancellationToken);
        return $"""
            auth:
              htpasswd:
                realm: trainyard-test
                path: {path}
            """;
    }
}

/// <summary>Token authentication: the registry sends clients to <paramref name="Server"/>'s realm and trusts its certificate.</summary>
public sealed record TokenAuth(LocalTokenServer Server) : RegistryAuthConfig
{
    internal override async Task<string> WriteAsync(string directory, CancellationToken cancellationToken)
    {
        var bundle = Path.Combine(directory, "token-issuer.crt");
        await File.WriteAllTextAsync(bundle, Server.CertificatePem, cancellationToken);
        return $"""
            auth:
              token:
                realm: {Server.Realm}
                service: {LocalTokenServer.Service}
                issuer: {LocalTokenServer.Issuer}
                rootcertbundle: {bundle}
            """;
    }
}
