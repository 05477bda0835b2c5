using Microsoft.Playwright;

namespace Scrm.E2E.Pages;

public sealed class LoginPage(IPage page)
{
    public const string Password = "Demo!2026";

    public async Task SignInAsync(string email, string password = Password, string returnUrl = "/")
    {
        await page.GotoAsync($"/Account/Login?ReturnUrl={Uri.EscapeDataString(returnUrl)}");
        await page.Locator("#Input\\.Email").FillAsync(email);
        await page.Locator("#Input\\.Password").FillAsync(password);
        await page.GetByRole(AriaRole.Button, new() { Name = "登录" }).ClickAsync();
        if (password == Password)
            await page.Locator("#circuit-state[data-interactive=true]").WaitForAsync(new() { State = WaitForSelectorState.Attached });
        else
            await page.GetByRole(AriaRole.Alert).First.WaitForAsync();  // the refusal (or the lockout page) has arrived
    }
}
