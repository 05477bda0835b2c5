using Microsoft.Playwright;

namespace Scrm.E2E.Infrastructure;

/// <summary>One app server and one Debian chromium for a whole test collection; each test opens its own contexts.</summary>
public sealed class BrowserFixture : IAsyncLifetime
{
    private static readonly string[] ChromiumArgs =
    [
        "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync",
    ];

    private IPlaywright? _playwright;

    public ScrmServer Server { get; private set; } = default!;
    public IBrowser Browser { get; private set; } = default!;

    public async Task InitializeAsync()
    {
        Server = new ScrmServer();
        await Server.CaughtUpAsync(TimeSpan.FromMinutes(4));
        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ChromiumPath(),
            Headless = true,
            Args = ChromiumArgs,
        });
    }

    /// <summary>A 390×844 touch phone signed in as <paramref name="email"/>, on <paramref name="path"/> once the circuit is interactive.</summary>
    public async Task<IPage> SignedInPhoneAsync(string email, string path)
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = Server.BaseUrl, Locale = "zh-CN", ViewportSize = new ViewportSize { Width = 390, Height = 844 }, IsMobile = true, HasTouch = true,
        });
        context.SetDefaultTimeout(15_000);
        var page = await context.NewPageAsync();
        await new Pages.LoginPage(page).SignInAsync(email, returnUrl: path);
        return page;
    }

    /// <summary>A fresh browser profile (cookies, storage) signed in as <paramref name="email"/>.</summary>
    /// <param name="wide">A viewport wide enough for all board columns, so a drag never scrolls the board under the mouse.</param>
    public async Task<IPage> SignedInPageAsync(string email, string path = "/", bool wide = false)
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = Server.BaseUrl,
            Locale = "zh-CN",
            ViewportSize = wide ? new ViewportSize { Width = 3400, Height = 1000 } : new ViewportSize { Width = 1366, Height = 900 },
        });
        context.SetDefaultTimeout(15_000);
        var page = await context.NewPageAsync();
        await new Pages.LoginPage(page).SignInAsync(email, returnUrl: path);
        return page;
    }

    /// <summary>
    /// A fresh browser profile signed in as any account with its own <paramref name="password"/>, such as one an Admin has just
    /// made; it waits until the page at <paramref name="path"/> is interactive.
    /// </summary>
    public async Task<IPage> SignedInPageAsync(string email, string password, string path, ViewportSize viewport)
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = Server.BaseUrl, Locale = "zh-CN", ViewportSize = viewport });
        context.SetDefaultTimeout(15_000);
        var page = await context.NewPageAsync();
        await page.GotoAsync($"/Account/Login?ReturnUrl={Uri.EscapeDataString(path)}");
        await page.Locator("#Input\\.Email").FillAsync(email);
        await page.Locator("#Input\\.Password").FillAsync(password);
        await page.GetByRole(AriaRole.Button, new() { Name = "登录" }).ClickAsync();
        await page.Locator("#circuit-state[data-interactive=true]").WaitForAsync(new() { State = WaitForSelectorState.Attached });
        return page;
    }

    public async Task DisposeAsync()
    {
        if (Browser is not null) await Browser.DisposeAsync();
        _playwright?.Dispose();
        if (Server is not null) await Server.DisposeAsync();
    }

    private static string ChromiumPath()
    {
        foreach (var candidate in new[] { "/usr/bin/chromium", "/usr/bin/chromium-browser" })
            if (File.Exists(candidate)) return candidate;
        throw new InvalidOperationException("Debian chromium is not installed; ./test.sh installs it (apt-get install chromium).");
    }
}

[CollectionDefinition(Name)]
public sealed class AppCollection : ICollectionFixture<BrowserFixture>
{
    public const string Name = "app";
}
