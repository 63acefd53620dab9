using System.Security.Cryptography;
using System.Text;

namespace Trainyard.Gateway;

/// <summary>
/// Who calls: the caller whose key's SHA-256 matches the request's <c>X-Trainyard-Key</c>. Every configured hash is
/// compared, each in constant time, so the answer's timing tells nothing about which hash came close. The key itself
/// is hashed on the stack and never kept.
/// </summary>
internal static class CallerKeys
{
    public const string KeyHeader = "X-Trainyard-Key";
    public const string CallerHeader = "X-Trainyard-Caller";

    /// <summary>The caller's name, or null when the key is missing or matches no caller.</summary>
    public static string? Identify(string? key, IReadOnlyList<(string Name, byte[] KeySha256)> callers)
    {
        if (string.IsNullOrEmpty(key) || key.Length > 1024) return null;
        Span<byte> hash = stackalloc byte[SHA256.HashSizeInBytes];
        var bytes = Encoding.UTF8.GetBytes(key);
        SHA256.HashData(bytes, hash);
        CryptographicOperations.ZeroMemory(bytes);
        string? found = null;
        foreach (var (name, expected) in callers)
            if (CryptographicOperations.FixedTimeEquals(hash, expected)) found ??= name;
        return found;
    }
}
