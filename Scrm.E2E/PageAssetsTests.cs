using Microsoft.Playwright;
using Scrm.E2E.Infrastructure;
using Scrm.E2E.Pages;
using static Microsoft.Playwright.Assertions;

namespace Scrm.E2E;

/// <summary>
/// What a page loads before its first paint (issue 6, ADR 0044): the dispatch map's stylesheet comes with the map, not
/// with every page, and the app's scripts (the diagram library's too) are deferred.
/// </summary>
[Collection(AppCollection.Name)]
public sealed class PageAssetsTests(BrowserFixture app)
{
    private const string MapStyles = "link[rel=stylesheet][href*='dispatch-map']";

    [Fact]
    public async Task TheBoardLoadsNotTheMapsStylesheetAndDefersItsScripts()
    {
        var page = await app.SignedInPageAsync("dispatcher.east@demo.scrm", "/board");
        await new BoardPage(page).ReadyAsync();

        await Expect(page.Locator(MapStyles)).ToHaveCountAsync(0);
        await Expect(page.Locator("script[src*='blazor.web'][defer]")).ToHaveCountAsync(1);
        await Expect(page.Locator("script[src*='MudBlazor'][defer]")).ToHaveCountAsync(1);
        await Expect(page.Locator("script[src*='Z.Blazor.Diagrams'][defer]")).ToHaveCountAsync(1);
    }

    [Fact]
    public async Task TheControlRoomLinksTheMapsStylesheet()
    {
        var page = await app.SignedInPageAsync("dispatcher.east@demo.scrm", "/dispatch", wide: true);

        await Expect(page.Locator("[data-testid=dispatch-map]")).ToBeVisibleAsync();
        await Expect(page.Locator(MapStyles)).ToHaveCountAsync(1);
    }
}
