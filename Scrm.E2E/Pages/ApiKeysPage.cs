using Microsoft.Playwright;

namespace Scrm.E2E.Pages;

/// <summary>The Admin's API keys at /admin/api-keys: a new key's value is shown once, above the table of keys.</summary>
public sealed class ApiKeysPage(IPage page)
{
    public const string Title = "API 密钥";

    public ILocator Heading => page.GetByRole(AriaRole.Heading, new() { Level = 1, Name = Title });

    /// <summary>The value of the key just created; it is on the page only until it is closed or the page is left.</summary>
    public ILocator IssuedValue => page.Locator("[data-testid=apikey-issued] [data-testid=apikey-value]");

    public ILocator Rows => page.Locator("[data-testid=apikeys-table] tbody tr.apikey-row");

    public ILocator Row(string name) => Rows.Filter(new() { Has = page.Locator("[data-testid=apikey-row-name]", new() { HasTextString = name }) });

    public ILocator State(string name) => Row(name).Locator("[data-testid=apikey-row-state]");

    public ILocator Revoke(string name) => page.GetByRole(AriaRole.Button, new() { Name = $"吊销密钥「{name}」", Exact = true });

    public ILocator Snackbar(string text) => page.Locator(".mud-snackbar", new() { HasTextString = text });

    public async Task OpenAsync()
    {
        await page.GotoAsync("/admin/api-keys");
        await page.Locator("#circuit-state[data-interactive=true]").WaitForAsync(new() { State = WaitForSelectorState.Attached });
        await Heading.WaitForAsync();
    }

    /// <summary>Fills the new-key form; <paramref name="role"/> and <paramref name="region"/> are the option texts shown (管理员, 全部区域).</summary>
    public async Task CreateAsync(string name, string role, string region)
    {
        await page.Locator("[data-testid=apikey-name]").FillAsync(name);
        await ChooseAsync("apikey-role", role);
        await ChooseAsync("apikey-region", region);
        await page.Locator("[data-testid=apikey-create]").ClickAsync();
    }

    private async Task ChooseAsync(string testId, string option)
    {
        await page.Locator($"[data-testid={testId}]").ClickAsync();
        await page.GetByRole(AriaRole.Option, new() { Name = option, Exact = true }).ClickAsync();
    }
}
