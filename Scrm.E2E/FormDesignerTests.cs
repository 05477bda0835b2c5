using Microsoft.Playwright;
using Scrm.E2E.Infrastructure;
using Scrm.E2E.Pages;
using static Microsoft.Playwright.Assertions;

namespace Scrm.E2E;

[Collection(AppCollection.Name)]
public sealed class FormDesignerTests(BrowserFixture app)
{
    [Fact]
    public async Task AnAdminDragsFieldsOntoANewTemplateAddsAConditionPublishesAndSeesTheVersionInTheHistory()
    {
        var key = $"e2e-{Guid.NewGuid():N}"[..16];
        var page = await app.SignedInPageAsync("admin@demo.scrm", "/designer/forms");
        await page.SetViewportSizeAsync(1440, 900);
        var designer = new FormDesignerPage(page);
        await designer.OpenAsync();
        await designer.CreateTemplateAsync(key, "端到端 报修", "E2E repair");

        // Real HTML5 drags from the palette onto the canvas. Dropped onto a field, the new one takes its place above it.
        await designer.PaletteItem("单行文本").DragToAsync(designer.Canvas);
        await Expect(designer.CanvasField("text_1")).ToBeVisibleAsync();
        await designer.PaletteItem("勾选框").DragToAsync(designer.CanvasField("text_1"));
        await Expect(designer.CanvasField("checkbox_1")).ToBeVisibleAsync();
        (await designer.CanvasFields.Locator("[data-testid=canvas-field-key]").AllInnerTextsAsync()).ShouldBe(["checkbox_1", "text_1"]);

        await designer.SelectAsync("checkbox_1");
        await designer.SetLabelAsync("需要加急");
        await designer.SelectAsync("text_1");
        await designer.SetLabelAsync("加急原因");
        await designer.AddCondition.ClickAsync();
        await Expect(designer.CanvasField("text_1")).ToContainTextAsync("满足时显示");
        await Expect(designer.CanvasField("checkbox_1")).ToContainTextAsync("需要加急");
        await Expect(designer.Problems).ToHaveCountAsync(0);

        await designer.ShowTabAsync("预览");
        await Expect(designer.PreviewField("checkbox_1")).ToBeVisibleAsync();
        await Expect(designer.PreviewField("text_1")).ToHaveCountAsync(0);
        await designer.PreviewField("checkbox_1").GetByRole(AriaRole.Checkbox).CheckAsync();
        await Expect(designer.PreviewField("text_1")).ToBeVisibleAsync();
        await page.ScreenshotAsync(new() { Path = "/tmp/form-designer-preview.png" });

        await designer.Publish.ClickAsync();
        await Expect(designer.Snackbar("已发布 v1")).ToBeVisibleAsync();
        await designer.ShowTabAsync("版本历史");
        await Expect(designer.HistoryRow(1).Locator("[data-testid=history-status]")).ToHaveTextAsync("已发布");
        await Expect(designer.HistoryRow(1).Locator("[data-testid=history-published-at]")).Not.ToHaveTextAsync("—");
        await designer.ShowTabAsync("设计");
        await page.ScreenshotAsync(new() { Path = "/tmp/form-designer.png" });

        // Published, the template has a public link; its QR code is the intake's own PNG, downloaded under the key's name.
        await designer.ShowTabAsync("公开链接");
        await Expect(designer.IntakeLink).ToHaveValueAsync($"{app.Server.BaseUrl}/s/{key}");
        await Expect(designer.IntakeQr).ToBeVisibleAsync();
        (await designer.IntakeQrWidthAsync()).ShouldBeGreaterThan(0);
        var download = await page.RunAndWaitForDownloadAsync(() => designer.DownloadQr.ClickAsync());
        download.SuggestedFilename.ShouldBe($"{key}-qr.png");
        await page.ScreenshotAsync(new() { Path = "/tmp/form-designer-intake-link.png" });
    }
}
