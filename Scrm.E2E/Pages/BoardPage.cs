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

    /// <summary>The row of columns: one horizontal scroller that takes keyboard focus.</summary>
    public ILocator Scroller => page.Locator("[data-testid=board-scroller]");

    public ILocator Column(string status) => page.Locator($"section.board-column[data-status={status}]");

    public ILocator Card(string number) => page.Locator($"article[data-testid=card][data-number='{number}']");

    public ILocator Zone(string status) => page.Locator($"[data-testid=zone-{status}]");

    public ILocator CardIn(string status, string number) => Zone(status).Locator($"article[data-number='{number}']");

    public ILocator CompactSwitch => page.GetByRole(AriaRole.Switch, new() { Name = "紧凑卡片" });

    /// <summary>The button that opens or closes a terminal column; its name says which (展开「已取消」列).</summary>
    public ILocator ColumnToggle(string status) => page.Locator($"[data-testid=toggle-{status}]");

    public async Task ExpandAsync(string status)
    {
        var toggle = ColumnToggle(status);
        if (await toggle.GetAttributeAsync("aria-expanded") == "false") await toggle.ClickAsync();
        await Assertions.Expect(toggle).ToHaveAttributeAsync("aria-expanded", "true");
    }

    public Task DragAsync(string number, string toStatus) => Card(number).DragToAsync(Zone(toStatus));
}
