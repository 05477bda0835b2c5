using Microsoft.Playwright;
using Scrm.E2E.Infrastructure;
using Scrm.E2E.Pages;
using static Microsoft.Playwright.Assertions;

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
        await creator.Locator("[data-testid=new-customer]").CheckAsync();
        await creator.Locator("[data-testid=customer-name]").FillAsync("鲜茶道（上海测试店）");
        await creator.Locator("[data-testid=customer-phone]").FillAsync("13812345678");
        await creator.Locator("[data-testid=site-city]").ClickAsync();
        await creator.GetByRole(AriaRole.Option, new() { Name = "上海（华东）" }).ClickAsync();
        await creator.Locator("[data-testid=site-address]").FillAsync("上海市南京路 100 号");
        await creator.Locator("[data-testid=create-submit]").ClickAsync();

        await creator.WaitForURLAsync(new System.Text.RegularExpressions.Regex(@"/tickets/GD-\d{8}-\d{4}$"));
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

        await Expect(page.Locator(".mud-snackbar")).ToContainTextAsync("工单不能从「新建」变为「已解决」");
        await Expect(board.CardIn("New", ticket.Row.Number)).ToBeVisibleAsync();
        await Expect(board.CardIn("Resolved", ticket.Row.Number)).ToHaveCountAsync(0);
    }
}
