using Microsoft.Playwright;

namespace Scrm.E2E.Pages;

/// <summary>The ticket list at /tickets: search, filters and the grid of results.</summary>
public sealed class TicketListPage(IPage page)
{
    public const string SearchLabel = "搜索工单号、标题、客户、城市";

    /// <summary>Opens the list with <paramref name="query"/> in the address (values escaped here) and waits until it is interactive.</summary>
    public async Task OpenAsync(IReadOnlyDictionary<string, string> query)
    {
        var pairs = query.Select(p => $"{Uri.EscapeDataString(p.Key)}={Uri.EscapeDataString(p.Value)}");
        await page.GotoAsync("/tickets?" + string.Join("&", pairs));
        await ReadyAsync();
    }

    public Task ReadyAsync() =>
        page.Locator("#circuit-state[data-interactive=true]").WaitForAsync(new() { State = WaitForSelectorState.Attached });

    public ILocator Search => page.GetByLabel(SearchLabel);

    public ILocator Grid => page.Locator("[data-testid=ticket-grid]");

    public ILocator Rows => Grid.Locator("tbody tr.ticket-row");

    public ILocator Row(string number) => Rows.Filter(new() { Has = page.Locator("a.ticket-link", new() { HasTextString = number }) });

    /// <summary>The ticket numbers shown, top to bottom.</summary>
    public Task<IReadOnlyList<string>> NumbersAsync() => Grid.Locator("tbody tr.ticket-row a.ticket-link").AllInnerTextsAsync();

    public Task SearchAsync(string text) => Search.FillAsync(text);

    /// <summary>Picks <paramref name="option"/> in the filter select tagged <paramref name="testId"/>.</summary>
    public async Task ChooseAsync(string testId, string option)
    {
        await page.Locator($"[data-testid={testId}]").ClickAsync();
        await page.GetByRole(AriaRole.Option, new() { Name = option, Exact = true }).ClickAsync();
    }

    /// <summary>The text a filter select shows for its value.</summary>
    public ILocator Filter(string testId) => page.Locator($"[data-testid={testId}]");

    public Task SortByAsync(string columnTitle) =>
        page.GetByRole(AriaRole.Columnheader, new() { Name = columnTitle }).GetByText(columnTitle, new() { Exact = true }).ClickAsync();
}
