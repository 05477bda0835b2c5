using Microsoft.Playwright;
using Scrm.E2E.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace Scrm.E2E;

[Collection(AppCollection.Name)]
public sealed class TicketTests(BrowserFixture app)
{
    [Fact]
    public async Task TheSecondOfTwoConcurrentEditsGetsAConflictMessageAndOverwritesNothing()
    {
        var ticket = await app.Server.NewTicketAsync("苏州", "E2E 冲突 原标题");
        var first = await app.SignedInPageAsync("dispatcher.east@demo.scrm", $"/tickets/{ticket.Row.Number}");
        var second = await app.SignedInPageAsync("manager.east@demo.scrm", $"/tickets/{ticket.Row.Number}");

        await first.Locator("[data-testid=edit]").ClickAsync();
        await second.Locator("[data-testid=edit]").ClickAsync();
        await second.Locator("[data-testid=edit-title]").FillAsync("经理改的标题");
        await second.Locator("[data-testid=edit-save]").ClickAsync();
        await Expect(second.Locator("[data-testid=ticket-title]")).ToHaveTextAsync("经理改的标题");

        await first.Locator("[data-testid=edit-title]").FillAsync("调度改的标题");
        await first.Locator("[data-testid=edit-save]").ClickAsync();

        await Expect(first.Locator("[data-testid=conflict]")).ToContainTextAsync("已被 华东经理 周明");
        await Expect(first.Locator("[data-testid=conflict]")).ToContainTextAsync("请刷新后重试");
        await Expect(second.Locator("[data-testid=ticket-title]")).ToHaveTextAsync("经理改的标题");
    }

    [Fact]
    public async Task ADispatcherIsRefusedAnotherRegionsTicket()
    {
        var north = await app.Server.NewTicketAsync("北京", "E2E 华北工单");
        var page = await app.SignedInPageAsync("dispatcher.south@demo.scrm", $"/tickets/{north.Row.Number}");

        await Expect(page.Locator("[data-testid=not-found]")).ToBeVisibleAsync();
        await Expect(page.Locator("[data-testid=ticket-title]")).ToHaveCountAsync(0);

        await page.GotoAsync($"/tickets?q={north.Row.Number}");
        await page.GetByLabel("搜索工单号、标题、客户、城市").FillAsync(north.Row.Number);
        await Expect(page.Locator("[data-testid=ticket-grid]")).Not.ToContainTextAsync(north.Row.Number);
    }

    [Fact]
    public async Task ATicketDetailUpdatesLiveWhenSomeoneElseMovesIt()
    {
        var ticket = await app.Server.NewTicketAsync("宁波", "E2E 实时详情");
        var page = await app.SignedInPageAsync("dispatcher.east@demo.scrm", $"/tickets/{ticket.Row.Number}");
        await Expect(page.Locator("[data-testid=ticket-status]")).ToContainTextAsync("新建");

        await app.Server.MoveAsync(ticket, Scrm.Domain.Tickets.TicketStatus.Cancelled, "客户取消");

        await Expect(page.Locator("[data-testid=ticket-status]")).ToContainTextAsync("已取消", new() { Timeout = 5_000 });
        await Expect(page.Locator("[data-testid=timeline]")).ToContainTextAsync("客户取消");
    }

    [Fact]
    public async Task ATechnicianSeesOnlyTicketsAssignedToThem()
    {
        var page = await app.SignedInPageAsync("tech.east1@demo.scrm", "/tickets");
        var me = (await page.Locator("[data-testid=current-user]").InnerTextAsync()).Replace("技师 ", "", StringComparison.Ordinal);
        var rows = page.Locator("[data-testid=ticket-grid] tbody tr");
        await Expect(rows.First).ToBeVisibleAsync();
        var assignees = await page.Locator("[data-testid=ticket-grid] tbody tr td:nth-child(7)").AllInnerTextsAsync();
        assignees.ShouldNotBeEmpty();
        assignees.ShouldAllBe(a => a == me);
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "新建工单" })).ToHaveCountAsync(0);
    }
}
