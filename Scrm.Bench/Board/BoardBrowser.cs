using Microsoft.Playwright;

namespace Scrm.Bench.Board;

/// <summary>
/// Debian's Chromium with one signed-in session: the user signs in once, and every new context starts from that
/// cookie, so that opening a page costs one navigation and one circuit, not a sign-in.
/// </summary>
internal sealed class BoardBrowser : IAsyncDisposable
{
    public const string Password = "Demo!2026";

    private static readonly string[] ChromiumArgs =
    [
        "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync",
    ];

    private readonly IPlaywright _playwright;
    private readonly IBrowser _browser;
    private readonly string _baseUrl;
    private readonly string _storageState;

    private BoardBrowser(IPlaywright playwright, IBrowser browser, string baseUrl, string storageState)
    {
        _playwright = playwright;
        _browser = browser;
        _baseUrl = baseUrl;
        _storageState = storageState;
    }

    public static async Task<BoardBrowser> StartAsync(string baseUrl, string email)
    {
        var playwright = await Playwright.CreateAsync();
        var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ChromiumPath(), Headless = true, Args = ChromiumArgs,
        });
        var context = await browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = baseUrl, Locale = "zh-CN" });
        // A loaded machine can take more than Playwright's 30 s for the first page of a cold app.
        context.SetDefaultTimeout(120_000);
        var page = await context.NewPageAsync();
        await page.GotoAsync($"/Account/Login?ReturnUrl={Uri.EscapeDataString("/not-found")}");
        await page.Locator("#Input\\.Email").FillAsync(email);
        await page.Locator("#Input\\.Password").FillAsync(Password);
        await page.Locator("button[type=submit]").ClickAsync();
        await page.WaitForURLAsync("**/not-found");
        var state = await context.StorageStateAsync();
        await context.CloseAsync();
        return new BoardBrowser(playwright, browser, baseUrl, state);
    }

    /// <summary>A signed-in context at a laptop-and-a-bit size (1600×900), in Chinese.</summary>
    public async Task<IBrowserContext> NewContextAsync()
    {
        var context = await _browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = _baseUrl,
            Locale = "zh-CN",
            StorageState = _storageState,
            ViewportSize = new ViewportSize { Width = 1600, Height = 900 },
        });
        context.SetDefaultTimeout(30_000);
        return context;
    }

    public static Task BoardReadyAsync(IPage page) =>
        page.Locator("[data-testid=board][data-ready=true]").WaitForAsync(new() { State = WaitForSelectorState.Attached });

    /// <summary>Page clock minus host clock, from the evaluate round trip with the smallest RTT (error ≤ RTT/2).</summary>
    public static async Task<(double Offset, double Rtt)> ClockOffsetAsync(IPage page)
    {
        var best = (Offset: 0.0, Rtt: double.MaxValue);
        for (var i = 0; i < 25; i++)
        {
            var before = NowMs();
            var pageNow = await page.EvaluateAsync<double>("() => performance.timeOrigin + performance.now()");
            var after = NowMs();
            if (after - before < best.Rtt) best = (pageNow - (before + after) / 2, after - before);
        }
        return best;
    }

    public static double NowMs() => (DateTime.UtcNow.Ticks - DateTime.UnixEpoch.Ticks) / (double)TimeSpan.TicksPerMillisecond;

    public async ValueTask DisposeAsync()
    {
        await _browser.DisposeAsync();
        _playwright.Dispose();
    }

    private static string ChromiumPath()
    {
        foreach (var candidate in new[] { "/usr/bin/chromium", "/usr/bin/chromium-browser" })
            if (File.Exists(candidate)) return candidate;
        throw new InvalidOperationException("Debian chromium is not installed (apt-get install chromium).");
    }
}
