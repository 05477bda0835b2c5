using Deque.AxeCore.Playwright;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Scrm.App.Features.Tracking;
using Scrm.E2E.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace Scrm.E2E;

[Collection(AppCollection.Name)]
public sealed class AccessibilityTests(BrowserFixture app)
{
    [Theory]
    [InlineData("/tickets")]
    [InlineData("/board")]
    [InlineData("/customers")]
    [InlineData("/technicians")]
    [InlineData("/admin/events")]
    [InlineData("/admin/users")]
    [InlineData("/admin/api-keys")]
    [InlineData("/catalog")]
    [InlineData("/pricing")]
    [InlineData("/admin/channels")]
    [InlineData("/dashboards")]
    [InlineData("/dispatch")]
    [InlineData("/admin/dispatch")]
    [InlineData("/settlement")]
    [InlineData("/settlement/plans")]
    [InlineData("/admin/sla")]
    [InlineData("/admin/notifications")]
    [InlineData("/designer/forms")]
    [InlineData("/designer/flows")]
    public async Task MainPagesHaveNoSeriousOrCriticalViolations(string path)
    {
        var page = await app.SignedInPageAsync("admin@demo.scrm", path);
        await page.Locator("h1").First.WaitForAsync();
        await page.WaitForLoadStateAsync(LoadState.NetworkIdle);
        await AssertAccessibleAsync(page);
    }

    /// <summary>
    /// What the other roles see differs from the Admin's: the bell's unread badge (dispatchers and managers have unread
    /// notifications), a Manager's own-region policy, low-stock rows on the Warehouse's stock tab, a technician's jobs.
    /// </summary>
    [Theory]
    [InlineData("dispatcher.east@demo.scrm", "/")]
    [InlineData("dispatcher.east@demo.scrm", "/dispatch")]
    [InlineData("manager.east@demo.scrm", "/admin/dispatch")]
    [InlineData("finance@demo.scrm", "/settlement")]
    [InlineData("warehouse.east@demo.scrm", "/catalog")]
    [InlineData("tech.east1@demo.scrm", "/my")]
    public async Task EachRolesPagesHaveNoSeriousOrCriticalViolations(string email, string path)
    {
        var page = await app.SignedInPageAsync(email, path);
        await page.Locator("h1").First.WaitForAsync();
        await page.WaitForLoadStateAsync(LoadState.NetworkIdle);
        await AssertAccessibleAsync(page);
    }

    [Fact]
    public async Task TheReplenishmentTabHasNoSeriousOrCriticalViolations()
    {
        var page = await app.SignedInPageAsync("warehouse.east@demo.scrm", "/catalog");
        await page.GetByRole(AriaRole.Tab, new() { Name = "补货任务" }).ClickAsync();
        await page.GetByTestId("catalog-replenishment").WaitForAsync();
        await AssertAccessibleAsync(page);
    }

    [Fact]
    public async Task TheCustomerPageHasNoSeriousOrCriticalViolations()
    {
        var ticket = await app.Server.NewTicketAsync("南京", "E2E 无障碍 客户页");
        var page = await app.SignedInPageAsync("admin@demo.scrm", $"/customers/{ticket.CustomerId}");
        await page.Locator("h1").First.WaitForAsync();
        await page.WaitForLoadStateAsync(LoadState.NetworkIdle);
        await AssertAccessibleAsync(page);
    }

    [Fact]
    public async Task ThePublicIntakeFormAndProgressPageHaveNoSeriousOrCriticalViolations()
    {
        var ticket = await app.Server.NewTicketAsync("杭州", "E2E 无障碍 进度页");
        var link = await app.Server.Services.GetRequiredService<TrackingLinks>().LinkForAsync(ticket.Row.Id, default);
        var context = await app.Browser.NewContextAsync(new() { BaseURL = app.Server.BaseUrl, Locale = "zh-CN" });
        var page = await context.NewPageAsync();

        await page.GotoAsync("/s/equipment-repair");
        await page.Locator("form").First.WaitForAsync();
        await AssertAccessibleAsync(page);

        await page.GotoAsync(link!);
        await page.GetByTestId("progress-status").WaitForAsync();
        await AssertAccessibleAsync(page);
    }

    [Fact]
    public async Task ADispatcherPicksAQueuedTicketWithTheKeyboard()
    {
        var ticket = await app.Server.NewTicketAsync("上海", "E2E 无障碍 键盘派单");
        var page = await app.SignedInPageAsync("dispatcher.east@demo.scrm", "/dispatch");
        var row = page.Locator($"[data-testid=queue-ticket][data-number='{ticket.Row.Number}']");
        await Expect(row).ToHaveAttributeAsync("aria-pressed", "false");

        await row.FocusAsync();
        await page.Keyboard.PressAsync("Enter");

        await Expect(page.GetByTestId("candidates")).ToContainTextAsync(ticket.Row.Number);
        await Expect(row).ToHaveAttributeAsync("aria-pressed", "true");
    }

    [Fact]
    public async Task TheTicketDetailPageHasNoSeriousOrCriticalViolations()
    {
        var ticket = await app.Server.NewTicketAsync("合肥", "E2E 无障碍 详情页");
        var page = await app.SignedInPageAsync("admin@demo.scrm", $"/tickets/{ticket.Row.Number}");
        await page.Locator("[data-testid=ticket-title]").WaitForAsync();
        await AssertAccessibleAsync(page);
    }

    [Fact]
    public async Task TheParkedEventsPageHasNoSeriousOrCriticalViolations()
    {
        // A parked row on screen, so that the table, its state tag and the retry button are scanned too.
        var ticket = await app.Server.NewTicketAsync("苏州", "E2E 无障碍 搁置的事件");
        var parked = await app.Server.ParkCreationAsync(ticket, "InvalidOperationException: 无障碍检查");
        var page = await app.SignedInPageAsync("admin@demo.scrm", "/admin/events");
        await new Pages.ParkedEventsPage(page).Row(parked.OutboxId).WaitForAsync();
        await AssertAccessibleAsync(page);
    }

    [Fact]
    public async Task TheAccountPageHasNoSeriousOrCriticalViolations()
    {
        // Statically rendered (no circuit to wait for): signed in elsewhere first, then opened like the top bar's link does.
        var page = await app.SignedInPageAsync("admin@demo.scrm", "/tickets");
        await page.GotoAsync("/Account/Manage");
        await page.Locator("h1").First.WaitForAsync();
        await AssertAccessibleAsync(page);
    }

    [Fact]
    public async Task TheSignInPageHasNoSeriousOrCriticalViolations()
    {
        var context = await app.Browser.NewContextAsync(new() { BaseURL = app.Server.BaseUrl });
        var page = await context.NewPageAsync();
        await page.GotoAsync("/Account/Login");
        await AssertAccessibleAsync(page);
    }

    private static async Task AssertAccessibleAsync(IPage page)
    {
        var result = await page.RunAxe();
        var bad = result.Violations.Where(v => v.Impact is "serious" or "critical")
            .Select(v => $"{v.Id} ({v.Impact}): {v.Help} — {string.Join(" | ", v.Nodes.Take(3).Select(n => n.Html))}")
            .ToList();
        bad.ShouldBeEmpty(string.Join("\n", bad));
    }
}
