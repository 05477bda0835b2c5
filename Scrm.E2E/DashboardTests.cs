using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Scrm.App;
using Scrm.App.Data;
using Scrm.Domain.Geo;
using Scrm.Domain.Tickets;
using Scrm.E2E.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace Scrm.E2E;

/// <summary>The KPI dashboard in the browser: filter, heatmap, funnel, drill-down to tickets, and live tiles.</summary>
[Collection(AppCollection.Name)]
public sealed class DashboardTests(BrowserFixture app)
{
    private static readonly string? Shots = Environment.GetEnvironmentVariable("DASHBOARD_SCREENSHOTS");

    [Fact]
    public async Task AManagerFiltersToTheRegionAndDrillsFromAHeatmapCellIntoItsTickets()
    {
        await app.Server.CaughtUpAsync(TimeSpan.FromSeconds(120));
        var ticket = await app.Server.NewTicketAsync("杭州", "E2E 看板热力图工单");
        await app.Server.CaughtUpAsync(TimeSpan.FromSeconds(30));
        var page = await app.SignedInPageAsync("manager.east@demo.scrm", "/dashboards");
        await Expect(page.GetByTestId("dashboards-live")).ToBeAttachedAsync();

        await page.GetByTestId("filter-region").ClickAsync();
        await page.GetByRole(AriaRole.Option, new() { Name = "华东" }).ClickAsync();

        await Expect(page).ToHaveURLAsync(new Regex("region=%E5%8D%8E%E4%B8%9C"));
        await Expect(page.GetByTestId("heatmap")).ToBeVisibleAsync();
        // The geo map is drawn: Leaflet loaded (through the shared basemap module) and a circle per city placed.
        await Expect(page.GetByTestId("geo-map").Locator("path.leaflet-interactive").First).ToBeAttachedAsync();
        await Expect(page.GetByTestId("stage-funnel").GetByTestId("funnel-count").First).Not.ToHaveTextAsync("0");
        if (Shots is not null) await page.ScreenshotAsync(new() { Path = Path.Combine(Shots, "dashboards.png"), FullPage = true });

        var local = app.Server.Services.GetRequiredService<BusinessClock>().ToLocal(ticket.Row.CreatedAt);
        var weekday = ((int)local.DayOfWeek + 6) % 7 + 1;
        await page.GetByTestId($"heat-{weekday}-{local.Hour}").ClickAsync();

        await Expect(page).ToHaveURLAsync(new Regex($"/tickets\\?.*weekday={weekday}.*hour={local.Hour}"));
        await Expect(page.GetByText(ticket.Row.Number)).ToBeVisibleAsync();
    }

    [Theory]
    [InlineData("manager.east@demo.scrm", "dashboards-phone-manager")]
    [InlineData("admin@demo.scrm", "dashboards-phone-admin")]
    public async Task OnAPhoneTheDashboardFitsTheScreenWidth(string user, string shot)
    {
        var page = await app.SignedInPhoneAsync(user, "/dashboards");
        await Expect(page.GetByTestId("dashboards-live")).ToBeAttachedAsync();
        await Expect(page.GetByTestId("heatmap")).ToBeVisibleAsync();
        await page.ScreenshotAsync(new() { Path = $"/tmp/{shot}.png", FullPage = true });

        (await page.EvaluateAsync<int>("document.documentElement.scrollWidth - innerWidth")).ShouldBeLessThanOrEqualTo(1);
        // Two tiles a row: the second tile sits beside the first, the third below them.
        var tiles = page.GetByTestId("kpi-tiles").Locator(".kpi-tile");
        var first = (await tiles.Nth(0).BoundingBoxAsync())!;
        var second = (await tiles.Nth(1).BoundingBoxAsync())!;
        var third = (await tiles.Nth(2).BoundingBoxAsync())!;
        second.Y.ShouldBe(first.Y, tolerance: 1);
        third.Y.ShouldBeGreaterThan(first.Y + first.Height - 1);
        (second.X + second.Width).ShouldBeLessThanOrEqualTo(391);
    }

    [Fact]
    public async Task ATicketClosedInAnotherBrowserMovesTheClosedTileWithinSecondsAndTheTileListsIt()
    {
        await app.Server.CaughtUpAsync(TimeSpan.FromSeconds(120));
        var resolved = await ResolvedTicketAsync(Regions.East);
        var dashboard = await app.SignedInPageAsync("admin@demo.scrm", $"/dashboards?region={Uri.EscapeDataString(Regions.East)}");
        await Expect(dashboard.GetByTestId("dashboards-live")).ToBeAttachedAsync();
        var tile = dashboard.GetByTestId("tile-Closed").GetByTestId("tile-value");
        var before = int.Parse((await tile.TextContentAsync())!.Replace(",", ""), System.Globalization.CultureInfo.InvariantCulture);

        var other = await app.SignedInPageAsync("dispatcher.east@demo.scrm", $"/tickets/{resolved}");
        await other.GetByTestId("move-Closed").ClickAsync();

        await Expect(tile).ToHaveTextAsync((before + 1).ToString("N0", System.Globalization.CultureInfo.InvariantCulture), new() { Timeout = 8000 });
        await Expect(dashboard.GetByTestId("last-updated")).ToBeVisibleAsync();

        // The tile drills into the tickets closed in the period (not those created in it): the one just closed is among them.
        var href = await dashboard.GetByTestId("tile-Closed").GetAttributeAsync("href") ?? "";
        href.ShouldContain("closedFrom=");
        await dashboard.GotoAsync(href + "&q=" + resolved);
        await Expect(dashboard.Locator(".ticket-link", new() { HasText = resolved })).ToBeVisibleAsync(new() { Timeout = 15000 });
    }

    private async Task<string> ResolvedTicketAsync(string region)
    {
        var factory = app.Server.Services.GetRequiredService<IDbContextFactory<ScrmDbContext>>();
        await using var db = await factory.CreateForAsync(AccessScope.System);
        return await db.Tickets.Where(t => t.Region == region && t.Status == TicketStatus.Resolved).OrderBy(t => t.Id).Select(t => t.Number).FirstAsync();
    }
}
