using Microsoft.Playwright;

namespace Scrm.E2E.Pages;

/// <summary>The Admin's user accounts at /admin/users: a form for a new account above the table of accounts.</summary>
public sealed class UsersPage(IPage page)
{
    public const string Title = "用户";

    public ILocator Heading => page.GetByRole(AriaRole.Heading, new() { Level = 1, Name = Title });

    public ILocator Rows => page.Locator("[data-testid=users-table] tbody tr.user-row");

    public ILocator Row(string email) => Rows.Filter(new() { Has = page.Locator("[data-testid=user-row-email]", new() { HasTextString = email }) });

    public async Task OpenAsync()
    {
        await page.GotoAsync("/admin/users");
        await page.Locator("#circuit-state[data-interactive=true]").WaitForAsync(new() { State = WaitForSelectorState.Attached });
        await Heading.WaitForAsync();
    }

    /// <summary>Fills the new-user form; <paramref name="role"/> and <paramref name="region"/> are the option texts shown (调度, 西南, 全部区域).</summary>
    public async Task CreateAsync(string email, string displayName, string role, string region, string password)
    {
        await page.Locator("[data-testid=user-email]").FillAsync(email);
        await page.Locator("[data-testid=user-name]").FillAsync(displayName);
        await ChooseAsync("user-role", role);
        await ChooseAsync("user-region", region);
        await page.Locator("[data-testid=user-password]").FillAsync(password);
        await page.Locator("[data-testid=user-create]").ClickAsync();
    }

    public ILocator Snackbar(string text) => page.Locator(".mud-snackbar", new() { HasTextString = text });

    private async Task ChooseAsync(string testId, string option)
    {
        await page.Locator($"[data-testid={testId}]").ClickAsync();
        await page.GetByRole(AriaRole.Option, new() { Name = option, Exact = true }).ClickAsync();
    }
}
