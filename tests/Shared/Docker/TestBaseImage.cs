using System.Text;
using Trainyard.Docker;
using Trainyard.IO;

namespace Trainyard.Tests.Docker;

/// <summary>
/// A base image built here, since nothing can be pulled: the equivalent of mcr.microsoft.com/dotnet/runtime-deps
/// for a self-contained linux-x64 .NET app with InvariantGlobalization (so no ICU), from this Debian host's files:
/// the glibc loader and libraries, libstdc++ and libgcc_s (libcoreclr's needs, by ldd), libssl3/libcrypto (which
/// System.Security.Cryptography.Native dlopens), zlib, CA certificates, and user and group <c>app</c> (1654, as
/// Microsoft's image). No shell. Built FROM scratch and kept while its content label matches the host's files.
/// </summary>
internal static class TestBaseImage
{
    public const string Reference = "trainyard-test/runtime-deps:local";
    public const string ContentLabel = "org.trainyard.test.base-content";
    public const int AppUid = 1654;

    const string Multiarch = "/lib/x86_64-linux-gnu/";
    static readonly string[] Libraries =
    [
        "libc.so.6", "libm.so.6", "libdl.so.2", "libpthread.so.0", "librt.so.1", "libresolv.so.2",
        "libstdc++.so.6", "libgcc_s.so.1", "libssl.so.3", "libcrypto.so.3", "libz.so.1",
    ];

    /// <summary>Root filesystem files: path in the image → (content, mode).</summary>
    static IReadOnlyList<(string Path, byte[] Content, int Mode)> Files()
    {
        var files = new List<(string, byte[], int)>
        {
            ("lib64/ld-linux-x86-64.so.2", File.ReadAllBytes("/lib64/ld-linux-x86-64.so.2"), 0b111_101_101),
            ("etc/passwd", Text($"root:x:0:0:root:/root:/sbin/nologin\napp:x:{AppUid}:{AppUid}::/home/app:/sbin/nologin\n"), 0b110_100_100),
            ("etc/group", Text($"root:x:0:\napp:x:{AppUid}:\n"), 0b110_100_100),
            ("etc/nsswitch.conf", Text("passwd: files\ngroup: files\nhosts: files dns\n"), 0b110_100_100),
            ("etc/hosts", Text("127.0.0.1 localhost\n::1 localhost\n"), 0b110_100_100),
            ("etc/ssl/certs/ca-certificates.crt", File.ReadAllBytes("/etc/ssl/certs/ca-certificates.crt"), 0b110_100_100),
        };
        // File.ReadAllBytes follows the soname symlinks (libstdc++.so.6 → libstdc++.so.6.0.30): the image gets real files.
        files.AddRange(Libraries.Select(l => ("lib/x86_64-linux-gnu/" + l, File.ReadAllBytes(Multiarch + l), 0b111_101_101)));
        return files;
    }

    static readonly string[] Directories = ["etc/ssl/certs", "lib/x86_64-linux-gnu", "lib64", "usr/lib/ssl", "app"];

    /// <summary>The image reference, built now unless the engine already has it with the same content.</summary>
    public static async Task<string> EnsureAsync(DockerEngine engine, CancellationToken ct)
    {
        var files = Files();
        var content = ContentHash.Of(string.Join('\n', files.Select(f => $"{f.Path} {f.Mode} {ContentHash.Of(f.Content)}")));
        var existing = await engine.InspectImageAsync(Reference, ct);
        if (existing is not null && existing.Labels.GetValueOrDefault(ContentLabel) == content) return Reference;

        var build = new ImageBuild([Reference]) { Labels = new Dictionary<string, string> { [ContentLabel] = content } };
        await engine.BuildImageAsync(build, async (stream, token) =>
        {
            await using var tar = new TarContext(stream);
            await tar.AddFileAsync("Dockerfile", Text("FROM scratch\nCOPY rootfs/ /\nENV APP_UID=1654 DOTNET_RUNNING_IN_CONTAINER=true\n"), ct: token);
            await tar.AddDirectoryAsync("rootfs/tmp", 0b1_111_111_111, token); // 1777, as /tmp everywhere
            foreach (var directory in Directories) await tar.AddDirectoryAsync("rootfs/" + directory, ct: token);
            await tar.AddDirectoryAsync("rootfs/home/app", 0b111_101_101, AppUid, token);
            foreach (var (path, bytes, mode) in files) await tar.AddFileAsync("rootfs/" + path, bytes, mode, token);
            // OpenSSL's compiled-in default paths on Debian point here.
            await tar.AddSymbolicLinkAsync("rootfs/usr/lib/ssl/certs", "/etc/ssl/certs", token);
            await tar.AddSymbolicLinkAsync("rootfs/usr/lib/ssl/cert.pem", "/etc/ssl/certs/ca-certificates.crt", token);
        }, _ => { }, ct);
        return Reference;
    }

    static byte[] Text(string text) => Encoding.UTF8.GetBytes(text);
}
