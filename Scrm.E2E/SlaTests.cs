using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Scrm.App.Data;
using Scrm.App.Features.Sla;
using Scrm.E2E.Infrastructure;
using Scrm.Domain.Tickets;
using static Microsoft.Playwright.Assertions;

namespace Scrm.E2E;

/// <summary>The SLA in the browser: a ticket's clocks on its page, and the settings page from the Admin's menu.</summary>
[Collection(AppCollection.Name)]
public sealed class SlaTests(BrowserFixture app)
{
    /// <summary>Where the screenshots go, for a person to look at (SLA_SCREENSHOTS; nothing when unset).</summary>
    private static readonly string? Shots = Environment.GetEnvironmentVariable("SLA_SCREENSHOTS");

    /// <summary>
    /// Waits for the ticket's clocks. On a freshly seeded server the SLA tracker first works through every demo ticket's
    /// events (a known start-up cost, in the README), so a test that runs first may wait behind that backlog.
    /// </summary>
    private async Task<long> WithClocksAsync(long ticketId)
    {
        var factory = app.Server.Services.GetRequiredService<IDbContextFactory<ScrmDbContext>>();
        for (var i = 0; i < 1200; i++)
        {
            await using var db = await factory.CreateForAsync(AccessScope.System);
            if (await db.Set<TicketSla>().AnyAsync(s => s.TicketId == ticketId)) return ticketId;
            await Task.Delay(100);
        }
        throw new TimeoutException("no clocks");
    }

    [Fact]
    public async Task AnUrgentTicketShowsItsClocksOnItsPage()
    {
        var ticket = await app.Server.NewTicketAsync("杭州", "E2E 冷库温度报警", TicketPriority.Urgent);
        await WithClocksAsync(ticket.Row.Id);
        var page = await app.SignedInPageAsync("admin@demo.scrm", $"/tickets/{ticket.Row.Number}");

        var panel = page.GetByTestId("sla-panel");
        await Expect(panel).ToContainTextAsync("紧急");
        await Expect(panel.GetByTestId("sla-clock-FirstResponse")).ToContainTextAsync("计时中");
        if (Shots is not null) await page.ScreenshotAsync(new() { Path = Path.Combine(Shots, "sla-panel.png"), FullPage = true });
    }

    [Fact]
    public async Task AnAdminOpensTheSlaSettingsFromTheMenu()
    {
        var page = await app.SignedInPageAsync("admin@demo.scrm", "/tickets");

        await page.GetByRole(AriaRole.Navigation, new() { Name = "主导航" }).GetByRole(AriaRole.Link, new() { Name = "SLA 设置", Exact = true }).ClickAsync();

        await Expect(page).ToHaveURLAsync(new Regex("/admin/sla$"));
        await Expect(page.GetByTestId("policy-complaint")).ToContainTextAsync("投诉");
        await Expect(page.GetByTestId("sla-calendars")).ToContainTextAsync("华东工作日");
        if (Shots is not null) await page.ScreenshotAsync(new() { Path = Path.Combine(Shots, "admin-sla.png"), FullPage = true });
    }
}
