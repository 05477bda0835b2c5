using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Scrm.E2E.Infrastructure;
using Scrm.E2E.Pages;
using static Microsoft.Playwright.Assertions;

namespace Scrm.E2E;

[Collection(AppCollection.Name)]
public sealed class ParkedEventsTests(BrowserFixture app)
{
    [Fact]
    public async Task AnAdminFindsAParkedEventFromTheMenuRetriesItAndSeesItResolved()
    {
        var marker = $"看板库不可用-{Guid.NewGuid():N}";
        var ticket = await app.Server.NewTicketAsync("杭州", "E2E 搁置的事件");
        var parked = await app.Server.ParkCreationAsync(ticket, $"InvalidOperationException: {marker}");
        var page = await app.SignedInPageAsync("admin@demo.scrm", "/tickets");
        var events = new ParkedEventsPage(page);

        await page.GetByRole(AriaRole.Navigation, new() { Name = "主导航" })
            .GetByRole(AriaRole.Link, new() { Name = ParkedEventsPage.Title, Exact = true }).ClickAsync();

        await Expect(page).ToHaveURLAsync(new Regex("/admin/events$"));
        await Expect(events.Heading).ToBeVisibleAsync();
        var row = events.Row(parked.OutboxId);
        await Expect(row).ToContainTextAsync(marker);
        await Expect(row).ToContainTextAsync("TicketDayCounter");
        await Expect(row).ToContainTextAsync("已搁置");

        await events.Retry("TicketDayCounter", parked.OutboxId).ClickAsync();

        await Expect(events.Snackbar("重试成功，事件已解决")).ToBeVisibleAsync();
        await Expect(row).ToHaveCountAsync(0);
        await events.ShowResolved.CheckAsync();
        await Expect(row).ToContainTextAsync("已解决");
        await Expect(events.Retry("TicketDayCounter", parked.OutboxId)).ToHaveCountAsync(0);
    }

    [Fact]
    public async Task ADispatcherIsNotOfferedTheParkedEventsAndIsRefusedThem()
    {
        var ticket = await app.Server.NewTicketAsync("南京", "E2E 搁置的事件 调度");
        var parked = await app.Server.ParkCreationAsync(ticket, "InvalidOperationException: 调度不该看到");
        var page = await app.SignedInPageAsync("dispatcher.east@demo.scrm", "/tickets");
        var nav = page.GetByRole(AriaRole.Navigation, new() { Name = "主导航" });
        await Expect(nav.GetByRole(AriaRole.Link, new() { Name = "工单", Exact = true })).ToBeVisibleAsync();
        await Expect(nav.GetByRole(AriaRole.Link, new() { Name = ParkedEventsPage.Title, Exact = true })).ToHaveCountAsync(0);

        // Typed into the address bar: the server's authorisation turns the request away before any page renders.
        await page.GotoAsync("/admin/events");

        await Expect(page).ToHaveURLAsync(new Regex("/Account/AccessDenied"));
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("无权访问");
        var events = new ParkedEventsPage(page);
        await Expect(events.Heading).ToHaveCountAsync(0);
        await Expect(events.Row(parked.OutboxId)).ToHaveCountAsync(0);
    }
}
