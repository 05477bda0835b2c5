using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Scrm.App.Data;
using Scrm.Domain.Tickets;
using Scrm.E2E.Infrastructure;
using Scrm.E2E.Pages;
using static Microsoft.Playwright.Assertions;
using TicketDetail = Scrm.App.Features.Tickets.TicketDetail;
using TicketService = Scrm.App.Features.Tickets.TicketService;

namespace Scrm.E2E;

[Collection(AppCollection.Name)]
public sealed class BoardTests(BrowserFixture app)
{
    [Fact]
    public async Task ATicketCreatedInOneBrowserAppearsOnAnotherBrowsersBoard()
    {
        var watcher = await app.SignedInPageAsync("dispatcher.east@demo.scrm", "/board");
        var board = new BoardPage(watcher);
        await board.ReadyAsync();

        var creator = await app.SignedInPageAsync("agent@demo.scrm", "/tickets");
        await creator.GetByRole(AriaRole.Button, new() { Name = "新建工单" }).ClickAsync();
        var title = $"E2E 咖啡机不出水 {Guid.NewGuid():N}"[..20];
        await creator.Locator("[data-testid=title]").FillAsync(title);
        await creator.Locator("[data-testid=type]").ClickAsync();
        await creator.GetByRole(AriaRole.Option, new() { Name = "保养" }).ClickAsync();
        await Expect(creator.GetByRole(AriaRole.Option, new() { Name = "保养" })).ToBeHiddenAsync();
        await creator.Locator("[data-testid=new-customer]").CheckAsync();
        await creator.Locator("[data-testid=customer-name]").FillAsync("鲜茶道（上海测试店）");
        await creator.Locator("[data-testid=customer-phone]").FillAsync("13812345678");
        await creator.Locator("[data-testid=site-city]").ClickAsync();
        await creator.GetByRole(AriaRole.Option, new() { Name = "上海（华东）" }).ClickAsync();
        await creator.Locator("[data-testid=site-address]").FillAsync("上海市南京路 100 号");
        await creator.Locator("[data-testid=create-submit]").ClickAsync();

        // Polled, not awaited as a navigation: the dialog's create moves within the page (pushState), and waiting for that
        // navigation's load event missed it now and then when the other board tests shared the server (1 run in 4).
        await Expect(creator).ToHaveURLAsync(new System.Text.RegularExpressions.Regex(@"/tickets/GD-\d{8}-\d{4}$"), new() { Timeout = 15_000 });
        var number = await creator.Locator("[data-testid=ticket-number]").InnerTextAsync();
        await Expect(board.CardIn("New", number)).ToBeVisibleAsync(new() { Timeout = 5_000 });
        await Expect(board.Card(number)).ToContainTextAsync(title);
    }

    [Fact]
    public async Task DraggingACardToAnAllowedStatusMovesIt()
    {
        var page = await app.SignedInPageAsync("dispatcher.east@demo.scrm", "/board", wide: true);
        var board = new BoardPage(page);
        await board.ReadyAsync();
        var fresh = await app.Server.NewTicketAsync("杭州", "E2E 拖拽 制冰机不制冰");
        await Expect(board.CardIn("New", fresh.Row.Number)).ToBeVisibleAsync();

        await board.DragAsync(fresh.Row.Number, "Cancelled");
        await page.Locator("[data-testid=comment-text]").FillAsync("客户已自行解决");
        await page.Locator("[data-testid=comment-ok]").ClickAsync();

        await board.ExpandAsync("Cancelled");
        await Expect(board.CardIn("Cancelled", fresh.Row.Number)).ToBeVisibleAsync();
        await Expect(board.CardIn("New", fresh.Row.Number)).ToHaveCountAsync(0);
    }

    [Fact]
    public async Task DroppingACardOnAnIllegalStatusIsRefusedWithAMessage()
    {
        var page = await app.SignedInPageAsync("dispatcher.east@demo.scrm", "/board", wide: true);
        var board = new BoardPage(page);
        await board.ReadyAsync();
        var ticket = await app.Server.NewTicketAsync("南京", "E2E 非法拖拽 空调不制冷");
        await Expect(board.CardIn("New", ticket.Row.Number)).ToBeVisibleAsync();

        await board.DragAsync(ticket.Row.Number, "Resolved");

        // Other toasts (a new-ticket notification for this dispatcher) may stand beside the refusal.
        await Expect(page.Locator(".mud-snackbar", new() { HasTextString = "工单不能从「新建」变为「已解决」" })).ToBeVisibleAsync();
        await Expect(board.CardIn("New", ticket.Row.Number)).ToBeVisibleAsync();
        await Expect(board.CardIn("Resolved", ticket.Row.Number)).ToHaveCountAsync(0);
    }
    [Fact]
    public async Task AtLaptopSizeTheBoardFitsTheWindowAndTheKeyboardReachesTheLastColumn()
    {
        var page = await LaptopBoardAsync("dispatcher.east@demo.scrm");
        var board = new BoardPage(page);

        var (scrollHeight, innerHeight) = await PageHeightAsync(page);
        scrollHeight.ShouldBeLessThanOrEqualTo(innerHeight + 4, "the page itself must not scroll: columns scroll inside the board");
        await Expect(board.Column("Cancelled")).Not.ToBeInViewportAsync();
        await Expect(board.ColumnToggle("Closed")).ToHaveAttributeAsync("aria-expanded", "false");

        await board.Scroller.FocusAsync();
        await page.Keyboard.PressAsync("End");

        await Expect(board.Column("Cancelled")).ToBeInViewportAsync();
        await Expect(board.Column("Reopened")).ToBeInViewportAsync();
        await page.Keyboard.PressAsync("Home");
        await Expect(board.Column("New")).ToBeInViewportAsync();
        await Expect(board.Column("Cancelled")).Not.ToBeInViewportAsync();

        // The strip's button is a plain button: focus scrolls it into view and Enter opens the column.
        await board.ColumnToggle("Cancelled").FocusAsync();
        await Expect(board.Column("Cancelled")).ToBeInViewportAsync();
        await page.Keyboard.PressAsync("Enter");
        await Expect(board.ColumnToggle("Cancelled")).ToHaveAttributeAsync("aria-expanded", "true");
        (await PageHeightAsync(page)).ScrollHeight.ShouldBeLessThanOrEqualTo(innerHeight + 4);
    }

    [Fact]
    public async Task AtLaptopSizeACardIsDraggedToTheLastOpenColumn()
    {
        var ticket = await ResolvedTicketAsync("苏州", "E2E 末列拖拽 冷柜不制冷");
        var page = await LaptopBoardAsync("dispatcher.east@demo.scrm");
        var board = new BoardPage(page);
        await Expect(board.CardIn("Resolved", ticket.Row.Number)).ToBeVisibleAsync();
        await board.Scroller.FocusAsync();
        await page.Keyboard.PressAsync("End");

        await board.DragAsync(ticket.Row.Number, "Reopened");
        await page.Locator("[data-testid=comment-text]").FillAsync("客户反馈仍然不制冷");
        await page.Locator("[data-testid=comment-ok]").ClickAsync();

        await Expect(board.CardIn("Reopened", ticket.Row.Number)).ToBeVisibleAsync();
        await Expect(board.CardIn("Resolved", ticket.Row.Number)).ToHaveCountAsync(0);
    }

    [Fact]
    public async Task FinanceCannotPickUpACard()
    {
        var ticket = await app.Server.NewTicketAsync("宁波", "E2E 只读看板 洗碗机漏水");
        var page = await LaptopBoardAsync("finance@demo.scrm");
        var board = new BoardPage(page);
        await Expect(board.CardIn("New", ticket.Row.Number)).ToBeVisibleAsync();

        await Expect(board.Card(ticket.Row.Number)).ToHaveAttributeAsync("draggable", "false");
        await board.DragAsync(ticket.Row.Number, "Assigned");

        await Expect(page.Locator(".mud-dialog")).ToHaveCountAsync(0);
        await Expect(page.Locator(".mud-snackbar")).ToHaveCountAsync(0);
        await Expect(board.CardIn("New", ticket.Row.Number)).ToBeVisibleAsync();
        await Expect(board.CardIn("Assigned", ticket.Row.Number)).ToHaveCountAsync(0);
    }

    [Fact]
    public async Task CompactCardsAreRememberedInTheAddress()
    {
        var ticket = await app.Server.NewTicketAsync("杭州", "E2E 紧凑卡片 咖啡机异响");
        var page = await LaptopBoardAsync("dispatcher.east@demo.scrm");
        var board = new BoardPage(page);
        await Expect(board.Card(ticket.Row.Number).Locator(".card-meta").First).ToBeVisibleAsync();

        await board.CompactSwitch.CheckAsync();

        await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex(@"/board\?compact=1$"));
        await Expect(board.Card(ticket.Row.Number)).ToHaveClassAsync(new System.Text.RegularExpressions.Regex(@"\bboard-card-compact\b"));
        await Expect(board.Card(ticket.Row.Number).Locator(".card-number")).ToHaveTextAsync(ticket.Row.Number);
        await Expect(board.Card(ticket.Row.Number).Locator(".card-meta")).ToHaveCountAsync(0);
        await page.ReloadAsync();
        await board.ReadyAsync();
        await Expect(board.CompactSwitch).ToBeCheckedAsync();
        await Expect(board.Card(ticket.Row.Number).Locator(".priority-dot")).ToBeVisibleAsync();
    }

    private async Task<IPage> LaptopBoardAsync(string email)
    {
        var page = await app.SignedInPageAsync(email, "/board");
        await page.SetViewportSizeAsync(1440, 900);
        await new BoardPage(page).ReadyAsync();
        return page;
    }

    private static async Task<(int ScrollHeight, int InnerHeight)> PageHeightAsync(IPage page)
    {
        var heights = await page.EvaluateAsync<int[]>("() => [document.scrollingElement.scrollHeight, window.innerHeight]");
        return (heights[0], heights[1]);
    }

    /// <summary>A ticket walked through the field work to Resolved, so that the board may reopen it.</summary>
    private async Task<TicketDetail> ResolvedTicketAsync(string city, string title)
    {
        var ticket = await app.Server.NewTicketAsync(city, title);
        long technician;
        await using (var db = await app.Server.Services.GetRequiredService<IDbContextFactory<ScrmDbContext>>().CreateForAsync(TestData.Admin))
            technician = await db.Technicians.Where(t => t.Region == ticket.Row.Region).OrderBy(t => t.Id).Select(t => t.Id).FirstAsync();
        await app.Server.Services.GetRequiredService<TicketService>().AssignAsync(TestData.Admin, ticket.Row.Id, technician, null);
        foreach (var step in new[] { TicketStatus.Accepted, TicketStatus.EnRoute, TicketStatus.OnSite, TicketStatus.InProgress, TicketStatus.Resolved })
            ticket = await app.Server.MoveAsync(ticket, step);
        return ticket;
    }
}
