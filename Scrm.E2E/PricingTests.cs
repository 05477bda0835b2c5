using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Scrm.App.Features.Pricing;
using Scrm.App.Features.Tickets;
using Scrm.E2E.Infrastructure;
using Scrm.Domain.Tickets;
using static Microsoft.Playwright.Assertions;

namespace Scrm.E2E;

/// <summary>Quotes in the browser: a technician prices a part on their job; an Admin's what-if compares a promotion change.</summary>
[Collection(AppCollection.Name)]
public sealed class PricingTests(BrowserFixture app)
{
    [Fact]
    public async Task ATechnicianAddsAPartAndTheQuoteTotalUpdates()
    {
        var ticket = await app.Server.NewTicketAsync("上海", "E2E 净水器出水慢");
        var technician = await app.Server.TechnicianIdOfAsync("tech.east1@demo.scrm");
        await app.Server.Services.GetRequiredService<TicketService>().AssignAsync(TestData.Admin, ticket.Row.Id, technician, null);
        await app.Server.MoveAsync(ticket, TicketStatus.Accepted);
        var page = await app.SignedInPageAsync("tech.east1@demo.scrm", $"/tickets/{ticket.Row.Number}");

        var panel = page.GetByTestId("quote-panel");
        await Expect(panel.GetByTestId("quote-empty")).ToBeVisibleAsync();
        await panel.Locator("[data-testid=quote-code]").ClickAsync();
        await page.GetByRole(AriaRole.Option, new() { NameRegex = new System.Text.RegularExpressions.Regex("PT-PP-10") }).ClickAsync();
        await panel.GetByTestId("quote-add").ClickAsync();

        // ¥35 list price × 1.05 (上海's coefficient).
        await Expect(panel.GetByTestId("quote-total")).ToHaveTextAsync("¥36.75");
        await Expect(panel.GetByTestId("quote-line")).ToContainTextAsync("PP 棉滤芯");
        await Expect(panel.GetByTestId("quote-rule").First).ToContainTextAsync("区域系数");
    }

    [Fact]
    public async Task AnAdminsWhatIfShowsAnotherTotalForAPromotionChange()
    {
        var ticket = await app.Server.NewTicketAsync("上海", "E2E 净水器滤芯更换");
        await app.Server.Services.GetRequiredService<QuoteService>().AddLineAsync(TestData.Admin, ticket.Row.Id, new NewQuoteLine("Part", "PT-PP-10", 1, UnderWarranty: false));
        var page = await app.SignedInPageAsync("admin@demo.scrm", "/pricing");

        await page.GetByTestId("rule-new").ClickAsync();
        await page.Locator("[data-testid=rule-code]").FillAsync("PROMO-E2E-WATER");
        await page.Locator("[data-testid=rule-name]").FillAsync("净水滤芯 8 折");
        await page.Locator("[data-testid=rule-category]").FillAsync("净水器");
        await page.Locator("[data-testid=rule-percent]").FillAsync("20");
        await page.GetByTestId("what-if-run").ClickAsync();

        await Expect(page.GetByTestId("what-if-before")).ToHaveTextAsync("¥36.75");
        await Expect(page.GetByTestId("what-if-after")).ToHaveTextAsync("¥29.40");
    }
}
