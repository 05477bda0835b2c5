using Microsoft.Playwright;
using Scrm.E2E.Infrastructure;
using Scrm.E2E.Pages;
using static Microsoft.Playwright.Assertions;

namespace Scrm.E2E;

/// <summary>The internal form's address field: a click on its small Leaflet map sets the point, shown as lat/lng.</summary>
[Collection(AppCollection.Name)]
public sealed class FormAddressMapTests(BrowserFixture app)
{
    [Fact]
    public async Task AClickOnTheAddressMapSetsThePointAndClearingRemovesIt()
    {
        var key = $"e2e-{Guid.NewGuid():N}"[..16];
        var page = await app.SignedInPageAsync("admin@demo.scrm", "/designer/forms");
        await page.SetViewportSizeAsync(1440, 900);
        var designer = new FormDesignerPage(page);
        await designer.OpenAsync();
        await designer.CreateTemplateAsync(key, "端到端 地址", "E2E address");
        await designer.AddButton("地址").ClickAsync();
        await Expect(designer.CanvasField("address_1")).ToBeVisibleAsync();

        await designer.ShowTabAsync("预览");
        var field = designer.PreviewField("address_1");
        var map = field.Locator(".form-address-map[data-ready=true]");
        await Expect(map).ToBeVisibleAsync();
        // The offline outlines, drawn by the basemap module the dispatch map shares.
        await Expect(map.Locator(".leaflet-basemap-pane canvas")).ToHaveCountAsync(1);
        await Expect(field.Locator("[data-testid=point-address_1]")).ToContainTextAsync("未设置地图位置");
        await map.ClickAsync();  // the middle of China as first shown

        await Expect(field.Locator("[data-testid=point-address_1]")).ToContainTextAsync("纬度");
        await Expect(map.Locator(".leaflet-marker-icon")).ToHaveCountAsync(1);
        await page.ScreenshotAsync(new() { Path = "/tmp/form-address-map.png" });

        await field.Locator("[data-testid=clear-point-address_1]").ClickAsync();
        await Expect(field.Locator("[data-testid=point-address_1]")).ToContainTextAsync("未设置地图位置");
        await Expect(map.Locator(".leaflet-marker-icon")).ToHaveCountAsync(0);
    }
}
