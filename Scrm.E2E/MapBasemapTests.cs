using Microsoft.Playwright;
using Scrm.E2E.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace Scrm.E2E;

/// <summary>The dispatch map draws the offline basemap from the module it shares with the address field (js/basemap.js).</summary>
[Collection(AppCollection.Name)]
public sealed class MapBasemapTests(BrowserFixture app)
{
    [Fact]
    public async Task TheDispatchMapDrawsTheSharedBasemapUnderItsMarkers()
    {
        await app.Server.NewTicketAsync("上海", "E2E 底图 派单地图");
        var page = await app.SignedInPageAsync("dispatcher.east@demo.scrm", "/dispatch");
        var map = page.Locator("[data-testid=dispatch-map][data-ready=true]");
        await Expect(map).ToBeVisibleAsync();

        // Leaflet's canvas renderer in the basemap pane, drawn once both outline files are in.
        await Expect(map.Locator(".leaflet-basemap-pane canvas")).ToHaveCountAsync(1);
        await Expect(map.Locator(".leaflet-marker-icon").First).ToBeVisibleAsync();
        var modules = await page.EvaluateAsync<string[]>(
            "() => performance.getEntriesByType('resource').map(e => new URL(e.name).pathname).filter(p => p.startsWith('/js/'))");
        // Fingerprinted through the import map: /js/basemap.{hash}.js.
        modules.ShouldContain(p => p.StartsWith("/js/basemap."));
        modules.ShouldContain(p => p.StartsWith("/js/dispatch-map."));
    }
}
