using Microsoft.Playwright;

namespace Scrm.E2E.Pages;

/// <summary>A customer's page at /customers/{id}, and the create dialog its 新建工单 button opens.</summary>
public sealed class CustomerPage(IPage page)
{
    public async Task OpenAsync(long id)
    {
        await page.GotoAsync($"/customers/{id}");
        await page.Locator("#circuit-state[data-interactive=true]").WaitForAsync(new() { State = WaitForSelectorState.Attached });
    }

    public ILocator NewTicket => page.GetByRole(AriaRole.Button, new() { Name = "新建工单" });

    public ILocator Dialog => page.GetByRole(AriaRole.Dialog);

    /// <summary>The customer picker in the open dialog; it shows the chosen customer's name.</summary>
    public ILocator ChosenCustomer => Dialog.Locator("input[data-testid=customer]");

    public ILocator ChosenSite => Dialog.Locator("[data-testid=site]");

    public async Task CreateTicketAsync(string title, string type)
    {
        await Dialog.Locator("[data-testid=title]").FillAsync(title);
        await Dialog.Locator("[data-testid=type]").ClickAsync();
        await page.GetByRole(AriaRole.Option, new() { Name = type }).ClickAsync();
        await page.GetByRole(AriaRole.Option, new() { Name = type }).WaitForAsync(new() { State = WaitForSelectorState.Hidden });
        await Dialog.GetByRole(AriaRole.Button, new() { Name = "创建工单" }).ClickAsync();
    }
}
