using Microsoft.Playwright;
using Scrm.E2E.Infrastructure;
using Scrm.E2E.Pages;
using static Microsoft.Playwright.Assertions;

namespace Scrm.E2E;

/// <summary>
/// What a page loads before its first paint (issue 6, ADR 0044): the flow diagram library and the dispatch map's
/// stylesheet come with the pages that draw them, not with every page, and the app's scripts are deferred.
/// </summary>
[Collection(AppCollection.Name)]
public sealed class PageAssetsTests(BrowserFixture app)
{
    private const string DiagramStyles = "link[rel=stylesheet][href*='Z.Blazor.Diagrams']";
    private const string MapStyles = "link[rel=stylesheet][href*='dispatch-map']";

    [Fact]
    public async Task TheBoardLoadsNeitherTheDiagramLibraryNorTheMapsStylesheetAndDefersItsScripts()
    {
        var page = await app.SignedInPageAsync("dispatcher.east@demo.scrm", "/board");
        await new BoardPage(page).ReadyAsync();

        await Expect(page.Locator(DiagramStyles)).ToHaveCountAsync(0);
        await Expect(page.Locator(MapStyles)).ToHaveCountAsync(0);
        (await page.EvaluateAsync<bool>("() => 'ZBlazorDiagrams' in window")).ShouldBeFalse();
        await Expect(page.Locator("script[src*='blazor.web'][defer]")).ToHaveCountAsync(1);
        await Expect(page.Locator("script[src*='MudBlazor'][defer]")).ToHaveCountAsync(1);
    }

    [Fact]
    public async Task TheFlowDesignerLoadsTheDiagramLibraryWhenItDrawsAFlow()
    {
        var page = await app.SignedInPageAsync("admin@demo.scrm", "/designer/flows");
        var designer = new FlowDesignerPage(page);
        await Expect(designer.Heading).ToBeVisibleAsync();
        await Expect(page.Locator(DiagramStyles)).ToHaveCountAsync(0);

        await designer.CreateFlowAsync($"e2e-{Guid.NewGuid():N}"[..16], "端到端 资源加载");

        await Expect(designer.Node("start")).ToBeVisibleAsync();
        await Expect(page.Locator(DiagramStyles)).ToHaveCountAsync(2);
        (await page.EvaluateAsync<bool>("() => 'ZBlazorDiagrams' in window")).ShouldBeTrue();
    }

    [Fact]
    public async Task TheControlRoomLinksTheMapsStylesheet()
    {
        var page = await app.SignedInPageAsync("dispatcher.east@demo.scrm", "/dispatch", wide: true);

        await Expect(page.Locator("[data-testid=dispatch-map]")).ToBeVisibleAsync();
        await Expect(page.Locator(MapStyles)).ToHaveCountAsync(1);
    }
}
