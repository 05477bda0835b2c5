using ClosedXML.Excel;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Scrm.App.Data;
using Scrm.App.Features.Tickets;
using Scrm.App.Features.Tracking;
using Scrm.Domain.Tickets;
using Scrm.E2E.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace Scrm.E2E;

/// <summary>
/// The chain, end to end: the technician prices a part on their job, the customer's phone shows the quote
/// change live, the ticket closes (the bill becomes final), and Finance exports the period with the ticket's amount in it.
/// </summary>
[Collection(AppCollection.Name)]
public sealed class QuoteToStatementTests(BrowserFixture app)
{
    [Fact]
    public async Task ATechniciansPartReachesTheCustomersPhoneLiveAndFinancesExportAfterClosing()
    {
        var ticket = await app.Server.NewTicketAsync("上海", "E2E 全链路 净水器滤芯更换");
        var technician = await app.Server.TechnicianIdOfAsync("tech.east1@demo.scrm");
        await app.Server.Services.GetRequiredService<TicketService>().AssignAsync(TestData.Admin, ticket.Row.Id, technician, null);
        foreach (var to in new[] { TicketStatus.Accepted, TicketStatus.EnRoute, TicketStatus.OnSite, TicketStatus.InProgress })
            await app.Server.MoveAsync(ticket, to);

        // The customer's phone: the progress page, live, with no quote yet.
        var link = await app.Server.Services.GetRequiredService<TrackingLinks>().LinkForAsync(ticket.Row.Id, default);
        await using var phone = await app.Browser.NewContextAsync(new BrowserNewContextOptions
        {
            Locale = "zh-CN", ViewportSize = new ViewportSize { Width = 390, Height = 844 }, IsMobile = true, HasTouch = true,
        });
        phone.SetDefaultTimeout(20_000);
        var progress = await phone.NewPageAsync();
        await progress.GotoAsync(link!);
        await Expect(progress.Locator("body[data-live=true]")).ToHaveCountAsync(1);
        await Expect(progress.GetByTestId("progress-quote")).ToHaveCountAsync(0);

        // The technician adds the part in the ticket page's quote panel.
        var desk = await app.SignedInPageAsync("tech.east1@demo.scrm", $"/tickets/{ticket.Row.Number}");
        var panel = desk.GetByTestId("quote-panel");
        await panel.Locator("[data-testid=quote-code]").ClickAsync();
        await desk.GetByRole(AriaRole.Option, new() { NameRegex = new System.Text.RegularExpressions.Regex("PT-PP-10") }).ClickAsync();
        await panel.GetByTestId("quote-add").ClickAsync();
        await Expect(panel.GetByTestId("quote-total")).ToHaveTextAsync("¥36.75");  // ¥35 × 1.05 in 上海

        // The phone follows without a reload.
        await Expect(progress.GetByTestId("progress-quote-total")).ToHaveTextAsync("¥36.75");

        // The job is done and closed: the bill becomes final and settlement records it in this month's period.
        await app.Server.MoveAsync(ticket, TicketStatus.Resolved);
        await app.Server.MoveAsync(ticket, TicketStatus.Closed, "完工结算");
        var factory = app.Server.Services.GetRequiredService<IDbContextFactory<ScrmDbContext>>();
        string? period = null;
        for (var i = 0; i < 600 && period is null; i++)
        {
            await using var db = await factory.CreateForAsync(AccessScope.System);
            period = await db.SettlementLines.Where(l => l.TicketId == ticket.Row.Id).Select(l => l.Period).FirstOrDefaultAsync();
            if (period is null) await Task.Delay(100);
        }
        period.ShouldNotBeNull("settlement recorded the final bill");

        // Finance opens the period and exports it.
        var finance = await app.SignedInPageAsync("finance@demo.scrm", $"/settlement/{period}");
        await Expect(finance.GetByTestId("settlement-ready")).ToBeAttachedAsync();
        var statement = await finance.RunAndWaitForDownloadAsync(() => finance.GetByTestId("export-statement").ClickAsync());
        statement.SuggestedFilename.ShouldBe($"settlement-{period}-statement.xlsx");
        using (var book = new XLWorkbook(new MemoryStream(await File.ReadAllBytesAsync(await statement.PathAsync()))))
            book.Worksheet(1).LastRowUsed()!.RowNumber().ShouldBeGreaterThan(2);
        var list = await finance.RunAndWaitForDownloadAsync(() => finance.GetByTestId("export-tickets").ClickAsync());
        using var tickets = new XLWorkbook(new MemoryStream(await File.ReadAllBytesAsync(await list.PathAsync())));
        var row = tickets.Worksheet(1).RowsUsed().Single(r => r.Cell(1).GetString() == ticket.Row.Number);
        row.Cell(6).GetValue<decimal>().ShouldBe(36.75m);
    }
}
