using System.Reflection;
using System.Runtime.InteropServices;

namespace Trainyard.Interop;

/// <summary>
/// Finds and loads XGBoost's native library. A path in <c>TRAINYARD_XGBOOST_LIBRARY</c> is the only candidate when
/// set (an explicit choice that fails is an error to fix, not something to paper over with another copy);
/// otherwise the names Debian's <c>libxgboost0</c> and other installs use, through the loader's normal search.
/// </summary>
internal sealed class XGBoostLibrary
{
    internal const string PathVariable = "TRAINYARD_XGBOOST_LIBRARY";

    private static readonly string[] DefaultNames = ["libxgboost.so.0", "libxgboost.so", "xgboost"];

    // Loaded once per process on first use and never changed afterwards; Lazy's default mode is thread-safe and
    // remembers a failure, so every later call reports the same missing library instead of probing again.
    private static readonly Lazy<nint> ProcessLibrary = new(() =>
    {
        OpenMPWaiting.Configure(); // before libgomp loads with libxgboost: it reads its settings then, once
        return FromEnvironment().Load();
    });

    private readonly string? configuredPath;

    /// <param name="configuredPath">The path the user configured, or null to search the usual names.</param>
    internal XGBoostLibrary(string? configuredPath)
    {
        this.configuredPath = string.IsNullOrWhiteSpace(configuredPath) ? null : configuredPath;
    }

    internal static XGBoostLibrary FromEnvironment() => new(Environment.GetEnvironmentVariable(PathVariable));

    /// <summary>What <see cref="Load"/> tries, in order.</summary>
    internal IReadOnlyList<string> Candidates => configuredPath is null ? DefaultNames : [configuredPath];

    /// <summary>Loads the first candidate that loads; otherwise says what was tried and how to install XGBoost.</summary>
    internal nint Load()
    {
        var reasons = new List<string>();
        foreach (var candidate in Candidates)
        {
            try
            {
                return NativeLibrary.Load(candidate);
            }
            catch (Exception e) when (e is DllNotFoundException or BadImageFormatException)
            {
                reasons.Add($"{candidate}: {e.Message}");
            }
        }
        var tried = configuredPath is null
            ? $"tried {string.Join(", ", Candidates)} on the library search path"
            : $"tried {configuredPath}, the path in {PathVariable}";
        throw new TrainyardException(
            $"XGBoost's native library was not found ({tried}). Install it with `sudo apt-get install libxgboost0`, " +
            $"or set {PathVariable} to the full path of libxgboost.so. Loader said: {string.Join("; ", reasons)}");
    }

    /// <summary>
    /// Maps <see cref="XGBoostNative.Library"/> to the loaded library. The runtime allows one resolver per assembly
    /// (a second registration throws), so <see cref="XGBoostNative"/>'s static constructor calls this exactly once.
    /// </summary>
    internal static void RegisterResolver(Assembly assembly) =>
        NativeLibrary.SetDllImportResolver(assembly, static (name, _, _) =>
            name == XGBoostNative.Library ? ProcessLibrary.Value : 0);

    /// <summary>The version of the loaded library, e.g. <c>1.7.4</c>.</summary>
    internal static string Version()
    {
        XGBoostNative.XGBoostVersion(out var major, out var minor, out var patch);
        return $"{major}.{minor}.{patch}";
    }
}
