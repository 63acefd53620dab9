using Microsoft.Playwright;

namespace Trainyard.Tests.Reporting;

/// <summary>
/// Debian's chromium, driven by Playwright and launched once for a test class. Playwright's own browser download is
/// never used: the tests need only what <c>apt-get install chromium</c> gives, which CI installs.
/// </summary>
public sealed class DebianChromium : IAsyncLifetime
{
    public const string DefaultExecutable = "/usr/bin/chromium";

    // Playwright adds --headless, --no-sandbox (as root) and a fresh empty --user-data-dir under the temp folder
    // (it refuses one in Args); the rest keep Chromium from calling home, which a closed network refuses noisily.
    static readonly string[] Flags = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync"];

    IPlaywright? _playwright;
    IBrowser? _browser;

    public IBrowser Browser => _browser ?? throw new InvalidOperationException("chromium is not launched yet");

    public async Task InitializeAsync() => (_playwright, _browser) = await LaunchAsync(DefaultExecutable);

    public static async Task<(IPlaywright Playwright, IBrowser Browser)> LaunchAsync(string executable)
    {
        if (!File.Exists(executable))
            throw new InvalidOperationException(
                $"the browser tests need Debian's chromium at {executable}, which is missing: install Debian's chromium (apt-get install chromium)");
        var playwright = await Playwright.CreateAsync();
        try
        {
            var browser = await playwright.Chromium.LaunchAsync(new()
            {
                ExecutablePath = executable, Headless = true, Args = Flags, Timeout = 60_000,
            });
            return (playwright, browser);
        }
        catch
        {
            playwright.Dispose();
            throw;
        }
    }

    public async Task DisposeAsync()
    {
        if (_browser is not null) await _browser.CloseAsync();
        _playwright?.Dispose();
    }
}
