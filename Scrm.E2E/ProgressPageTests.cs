using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Scrm.App.Data;
using Scrm.App.Features.Dispatch;
using Scrm.App.Features.Tickets;
using Scrm.App.Features.Tracking;
using Scrm.Domain.Tickets;
using Scrm.E2E.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace Scrm.E2E;

/// <summary>The customer's progress page on a phone, live without a Blazor circuit, while the office and the technician move the ticket.</summary>
[Collection(AppCollection.Name)]
public sealed class ProgressPageTests(BrowserFixture app)
{
    private static readonly string? Shots = Environment.GetEnvironmentVariable("TRACKING_SCREENSHOTS");

    [Fact]
    public async Task TheCustomerWatchesTheTicketMoveConfirmsAndRatesAndTheRatingReachesTheTechnicianList()
    {
        var ticket = await app.Server.NewTicketAsync("杭州", "E2E 门店咖啡机不出水");
        var link = await app.Server.Services.GetRequiredService<TrackingLinks>().LinkForAsync(ticket.Row.Id, default);
        var technicianId = await app.Server.TechnicianIdOfAsync("tech.east1@demo.scrm");
        await using var phone = await app.Browser.NewContextAsync(new BrowserNewContextOptions
        {
            Locale = "zh-CN", ViewportSize = new ViewportSize { Width = 390, Height = 844 }, IsMobile = true, HasTouch = true,
        });
        phone.SetDefaultTimeout(15_000);
        var page = await phone.NewPageAsync();
        await page.GotoAsync(link!);
        await Expect(page.Locator("body[data-live=true]")).ToHaveCountAsync(1);
        var status = page.GetByTestId("progress-status");

        // The dispatcher assigns; the page follows without a reload (no navigation, its live script re-reads it).
        await page.EvaluateAsync("() => window.__sameDocument = true");
        var tickets = app.Server.Services.GetRequiredService<TicketService>();
        await tickets.AssignAsync(TestData.Admin, ticket.Row.Id, technicianId, null);
        await Expect(status).ToHaveTextAsync("已指派");
        await Expect(page.GetByTestId("progress-technician")).ToBeVisibleAsync();

        // The technician accepts and sets off: the map and the ETA appear, and a position moves the marker and the ETA.
        await app.Server.MoveAsync(ticket, TicketStatus.Accepted);
        await app.Server.MoveAsync(ticket, TicketStatus.EnRoute);
        await Expect(status).ToHaveTextAsync("在途");
        await Expect(page.Locator("#map.leaflet-container")).ToBeVisibleAsync();
        app.Server.Services.GetRequiredService<PositionFeed>().Publish([new PositionUpdate(technicianId, ticket.Lat + 0.01, ticket.Lng, DateTimeOffset.UtcNow)]);
        await Expect(page.Locator("body[data-positions]")).ToHaveCountAsync(1);
        await Expect(page.GetByTestId("progress-eta")).ToHaveTextAsync(new Regex("^[0-9]+$"));
        if (Shots is not null) await page.ScreenshotAsync(new() { Path = Path.Combine(Shots, "progress-en-route.png"), FullPage = true });

        foreach (var to in new[] { TicketStatus.OnSite, TicketStatus.InProgress, TicketStatus.Resolved })
            await app.Server.MoveAsync(ticket, to);
        var confirm = page.GetByRole(AriaRole.Button, new() { Name = "确认完成" });
        await Expect(confirm).ToBeVisibleAsync();
        (await page.EvaluateAsync<bool>("() => window.__sameDocument === true")).ShouldBeTrue("the page updated in place");

        var ratingsBefore = await RatingCountAsync(technicianId);
        await confirm.ClickAsync();
        await Expect(status).ToHaveTextAsync("已关闭");
        await page.GetByLabel("2 星", new() { Exact = true }).CheckAsync(new() { Force = true });
        await page.GetByLabel("评价（选填）").FillAsync("到得晚了一点，修得还行");
        await page.GetByRole(AriaRole.Button, new() { Name = "提交评价" }).ClickAsync();
        await Expect(page.GetByTestId("progress-rated")).ToContainTextAsync("★★☆☆☆");
        if (Shots is not null) await page.ScreenshotAsync(new() { Path = Path.Combine(Shots, "progress-rated.png"), FullPage = true });

        var expected = await RatingAfterFoldAsync(technicianId, ratingsBefore);
        var office = await app.SignedInPageAsync("dispatcher.east@demo.scrm", "/technicians");
        await Expect(office.GetByTestId($"technician-rating-{technicianId}")).ToHaveTextAsync(expected);
    }

    private async Task<int> RatingCountAsync(long technicianId)
    {
        await using var db = await app.Server.Services.GetRequiredService<IDbContextFactory<ScrmDbContext>>().CreateForAsync(AccessScope.System);
        return await db.Technicians.Where(t => t.Id == technicianId).Select(t => t.RatingCount).SingleAsync();
    }

    /// <summary>The technician's rating as the list shows it, once the rating handler has folded the new stars in.</summary>
    private async Task<string> RatingAfterFoldAsync(long technicianId, int countBefore)
    {
        var factory = app.Server.Services.GetRequiredService<IDbContextFactory<ScrmDbContext>>();
        for (var i = 0; i < 300; i++)
        {
            await using var db = await factory.CreateForAsync(AccessScope.System);
            var technician = await db.Technicians.AsNoTracking().SingleAsync(t => t.Id == technicianId);
            if (technician.RatingCount > countBefore)
            {
                technician.RatingCount.ShouldBe(countBefore + 1);
                return $"{technician.Rating!.Value:F1} ({technician.RatingCount})";
            }
            await Task.Delay(100);
        }
        throw new TimeoutException("the rating was not folded into the technician's average");
    }
}
