using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Scrm.E2E.Infrastructure;
using Scrm.E2E.Pages;
using static Microsoft.Playwright.Assertions;

namespace Scrm.E2E;

[Collection(AppCollection.Name)]
public sealed partial class CustomerTests(BrowserFixture app)
{
    [Fact]
    public async Task ANewTicketFromACustomersPageStartsWithThatCustomerAndIsTheirs()
    {
        var earlier = await app.Server.NewTicketAsync("苏州", "E2E 客户页 旧工单");
        var page = await app.SignedInPageAsync("dispatcher.east@demo.scrm");
        var customer = new CustomerPage(page);
        await customer.OpenAsync(earlier.CustomerId);

        await customer.NewTicket.ClickAsync();

        await Expect(customer.ChosenCustomer).ToHaveValueAsync(earlier.Row.CustomerName);
        await Expect(customer.ChosenSite).ToContainTextAsync(earlier.SiteAddress);
        var title = $"E2E 客户页建单 {Guid.NewGuid():N}"[..20];
        await customer.CreateTicketAsync(title, "保养");

        await Expect(page).ToHaveURLAsync(TicketAddress(), new() { Timeout = 15_000 });
        await Expect(page.Locator("[data-testid=ticket-title]")).ToHaveTextAsync(title);
        var link = page.GetByRole(AriaRole.Link, new() { Name = earlier.Row.CustomerName });
        await Expect(link).ToHaveAttributeAsync("href", $"/customers/{earlier.CustomerId}");
    }

    [GeneratedRegex(@"/tickets/GD-\d{8}-\d{4}$")]
    private static partial Regex TicketAddress();
}
