using System.Runtime.InteropServices;

namespace Trainyard.Interop;

/// <summary>
/// The one place where a non-zero return from XGBoost becomes an exception. XGBoost keeps the text of its last
/// error per thread, so <see cref="Check"/> must run on the thread that made the call, straight after it.
/// </summary>
internal static class XGBoostError
{
    internal static void Check(int result, string function)
    {
        if (result != 0) throw new XGBoostException(function, LastError());
    }

    private static unsafe string LastError()
    {
        var text = Marshal.PtrToStringUTF8((nint)XGBoostNative.XGBGetLastError());
        return string.IsNullOrWhiteSpace(text) ? "(XGBoost gave no error text)" : text.Trim();
    }
}

/// <summary>
/// A call into XGBoost failed. Most failures are fixable input (an unknown parameter value, labels outside the
/// objective's range), so this is a <see cref="TrainyardException"/> whose message is XGBoost's own explanation.
/// </summary>
internal sealed class XGBoostException(string function, string nativeMessage)
    : TrainyardException($"XGBoost's {function} failed: {nativeMessage}")
{
    /// <summary>The C API function that returned the error, e.g. <c>XGBoosterUpdateOneIter</c>.</summary>
    public string Function { get; } = function;

    /// <summary>The text of <c>XGBGetLastError()</c> right after the failing call.</summary>
    public string NativeMessage { get; } = nativeMessage;
}
