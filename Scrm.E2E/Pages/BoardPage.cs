using Microsoft.Playwright;

namespace Scrm.E2E.Pages;

public sealed class BoardPage(IPage page)
{
    public async Task OpenAsync()
    {
        await page.GotoAsync("/board");
        await ReadyAsync();
    }

    public Task ReadyAsync() =>
        page.Locator("[data-testid=board][data-ready=true]").WaitForAsync(new() { State = WaitForSelectorState.Attached });

    public ILocator Card(string number) => page.Locator($"article[data-testid=card][data-number='{number}']");

    public ILocator Zone(string status) => page.Locator($"[data-testid=zone-{status}]");

    public ILocator CardIn(string status, string number) => Zone(status).Locator($"article[data-number='{number}']");

    public Task DragAsync(string number, string toStatus) => Card(number).DragToAsync(Zone(toStatus));
}
