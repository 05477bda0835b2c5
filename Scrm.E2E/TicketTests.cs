using Microsoft.Playwright;
using System.Text.RegularExpressions;
using Scrm.Domain.Tickets;
using Scrm.E2E.Infrastructure;
using Scrm.E2E.Pages;
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
        var marker = Marker();
        var north = await app.Server.NewTicketAsync("北京", $"{marker} 华北工单");
        var south = await app.Server.NewTicketAsync("广州", $"{marker} 华南工单");
        var page = await app.SignedInPageAsync("dispatcher.south@demo.scrm", $"/tickets/{north.Row.Number}");

        await Expect(page.Locator("[data-testid=not-found]")).ToBeVisibleAsync();
        await Expect(page.Locator("[data-testid=ticket-title]")).ToHaveCountAsync(0);

        // One search that matches both tickets: the own region's row proves the address was applied and the rows
        // have loaded, so the other one's absence from the same result means something.
        var list = new TicketListPage(page);
        await list.OpenAsync(new Dictionary<string, string> { ["q"] = marker });
        await Expect(list.Search).ToHaveValueAsync(marker);
        await Expect(list.Row(south.Row.Number)).ToBeVisibleAsync();
        await Expect(list.Rows).ToHaveCountAsync(1);
        await Expect(list.Grid).Not.ToContainTextAsync(north.Row.Number);

        // The other region's number itself: once the own row has left, the new search has run, and it found nothing.
        await list.SearchAsync(north.Row.Number);
        await Expect(page).ToHaveURLAsync(new Regex($"[?&]q={north.Row.Number}(&|$)"));
        await Expect(list.Row(south.Row.Number)).ToHaveCountAsync(0);
        await Expect(list.Rows).ToHaveCountAsync(0);
    }

    [Fact]
    public async Task AListAddressSharedOrReloadedShowsTheSameFilteredSortedTickets()
    {
        var marker = Marker();
        var first = await app.Server.NewTicketAsync("苏州", $"{marker} 甲", TicketPriority.Urgent);
        var second = await app.Server.NewTicketAsync("杭州", $"{marker} 乙", TicketPriority.Urgent);
        await app.Server.NewTicketAsync("宁波", $"{marker} 普通", TicketPriority.Normal);
        await app.Server.MoveAsync(await app.Server.NewTicketAsync("南京", $"{marker} 已取消", TicketPriority.Urgent), TicketStatus.Cancelled, "客户取消");
        var page = await app.SignedInPageAsync("dispatcher.east@demo.scrm", "/tickets");
        var list = new TicketListPage(page);

        await list.SearchAsync(marker);
        await list.ChooseAsync("ticket-status-filter", "新建");
        await list.ChooseAsync("ticket-priority-filter", "紧急");
        await Expect(list.Rows).ToHaveCountAsync(2);
        await list.SortByAsync("工单号");
        await Expect(page).ToHaveURLAsync(new Regex("[?&]dir=asc"));
        string[] expected = [first.Row.Number, second.Row.Number];
        await Expect(list.Rows.First).ToContainTextAsync(first.Row.Number);
        var shared = page.Url;
        shared.ShouldContain("status=New");
        shared.ShouldContain("priority=Urgent");
        shared.ShouldContain("sort=Number");

        await page.ReloadAsync();
        await list.ReadyAsync();
        await ShowsTheSameViewAsync(list, marker, expected);

        var colleague = await app.SignedInPageAsync("manager.east@demo.scrm", new Uri(shared).PathAndQuery);
        await ShowsTheSameViewAsync(new TicketListPage(colleague), marker, expected);
    }

    private static async Task ShowsTheSameViewAsync(TicketListPage list, string marker, string[] numbers)
    {
        await Expect(list.Search).ToHaveValueAsync(marker);
        await Expect(list.Filter("ticket-status-filter")).ToHaveValueAsync("新建");
        await Expect(list.Filter("ticket-priority-filter")).ToHaveValueAsync("紧急");
        await Expect(list.Rows).ToHaveCountAsync(numbers.Length);
        (await list.NumbersAsync()).ShouldBe(numbers);
    }

    /// <summary>A search text that only this test's tickets carry.</summary>
    private static string Marker() => $"E2E{Guid.NewGuid():N}"[..15];

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
        var assignees = await page.Locator("[data-testid=ticket-grid] tbody tr td:nth-child(8)").AllInnerTextsAsync();
        assignees.ShouldNotBeEmpty();
        assignees.ShouldAllBe(a => a == me);
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "新建工单" })).ToHaveCountAsync(0);
    }

    [Fact]
    public async Task AtLaptopWidthNoHeaderOrShortCellOfTheListBreaksOneCharacterPerLine()
    {
        var page = await app.SignedInPageAsync("admin@demo.scrm", LoginPage.Password, "/tickets", new ViewportSize { Width = 1440, Height = 900 });
        var list = new TicketListPage(page);
        await Expect(list.Rows.First).ToBeVisibleAsync();
        await Expect(page.Locator("[data-testid=ticket-grid] td.ticket-city").First).ToBeVisibleAsync();

        // Each text node of a header or cell is measured line by line: headers and the short columns (city, region,
        // priority, status, dates) keep one line; the title and customer may wrap, but never in a column one character wide.
        var broken = await page.EvaluateAsync<string[]>("""
            () => {
              const found = [];
              const grid = document.querySelector('[data-testid=ticket-grid]');
              for (const el of grid.querySelectorAll('thead th, tbody tr.ticket-row td')) {
                const oneLine = el.tagName === 'TH' || el.classList.contains('list-nowrap');
                const size = parseFloat(getComputedStyle(el).fontSize);
                const walker = document.createTreeWalker(el, NodeFilter.SHOW_TEXT);
                for (let node = walker.nextNode(); node; node = walker.nextNode()) {
                  if (node.textContent.trim().length < 2) continue;
                  const range = document.createRange();
                  range.selectNodeContents(node);
                  const lines = new Map();
                  for (const r of range.getClientRects()) {
                    if (r.width === 0) continue;
                    const top = Math.round(r.top);
                    lines.set(top, (lines.get(top) ?? 0) + r.width);
                  }
                  const widths = [...lines.values()];
                  if ((oneLine && widths.length > 1) || (widths.length > 1 && Math.max(...widths) < 2 * size))
                    found.push(`${el.tagName} "${node.textContent.trim()}" on ${widths.length} lines`);
                }
              }
              return found;
            }
            """);

        broken.ShouldBeEmpty();
    }
}
