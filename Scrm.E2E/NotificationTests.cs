using Microsoft.Playwright;
using Scrm.E2E.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace Scrm.E2E;

/// <summary>The bell in the browser: a new East ticket reaches the East dispatcher's open page live, with a toast.</summary>
[Collection(AppCollection.Name)]
public sealed class NotificationTests(BrowserFixture app)
{
    [Fact]
    public async Task TheDispatchersBellShowsANewTicketAsItIsCreated()
    {
        var page = await app.SignedInPageAsync("dispatcher.east@demo.scrm", "/tickets");
        var unread = page.GetByTestId("bell-unread");
        await Expect(unread).ToHaveTextAsync(new System.Text.RegularExpressions.Regex(@"^\d+$"));
        var before = int.Parse(await unread.TextContentAsync() ?? "0", System.Globalization.CultureInfo.InvariantCulture);

        var ticket = await app.Server.NewTicketAsync("杭州", "E2E 收银机无法开机");

        // Waits behind the notification handler's start-up backlog on a freshly seeded server (as the SLA tests do).
        await Expect(page.Locator(".mud-snackbar")).ToContainTextAsync($"新工单待派：{ticket.Row.Number}", new() { Timeout = 120_000 });
        await Expect(unread).ToHaveTextAsync((before + 1).ToString(System.Globalization.CultureInfo.InvariantCulture));

        await page.GetByRole(AriaRole.Button, new() { Name = "通知", Exact = true }).ClickAsync();
        await Expect(page.GetByTestId("inbox-item").First).ToContainTextAsync(ticket.Row.Number);
    }
}
