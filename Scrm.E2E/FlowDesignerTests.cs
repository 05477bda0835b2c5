using Microsoft.Playwright;
using Scrm.E2E.Infrastructure;
using Scrm.E2E.Pages;
using static Microsoft.Playwright.Assertions;

namespace Scrm.E2E;

[Collection(AppCollection.Name)]
public sealed class FlowDesignerTests(BrowserFixture app)
{
    [Fact]
    public async Task AnAdminDragsATaskOntoANewFlowConnectsStartTaskAndEndSavesAndPublishes()
    {
        var key = $"e2e-{Guid.NewGuid():N}"[..16];
        var page = await app.SignedInPageAsync("admin@demo.scrm", "/designer/flows");
        await page.SetViewportSizeAsync(1600, 1000);
        var designer = new FlowDesignerPage(page);
        await Expect(designer.Heading).ToBeVisibleAsync();
        await designer.CreateFlowAsync(key, "端到端 维修流程");
        await Expect(designer.Node("start")).ToBeVisibleAsync();
        await Expect(designer.Node("end")).ToBeVisibleAsync();

        // A real HTML5 drag from the palette; the node lands where it is dropped on the canvas.
        await designer.PaletteItem("Task").DragToAsync(designer.Canvas, new() { TargetPosition = new() { X = 220, Y = 330 } });
        await Expect(designer.Node("task-1")).ToBeVisibleAsync();
        await Expect(designer.Node("task-1")).ToContainTextAsync("任务");
        await Expect(designer.Problems.First).ToBeVisibleAsync();

        await designer.ConnectAsync("start", "task-1");
        await designer.ConnectAsync("task-1", "end");
        await Expect(designer.Links).ToHaveCountAsync(2);
        await Expect(designer.NoProblems).ToBeVisibleAsync();

        await designer.Save.ClickAsync();
        await Expect(designer.Snackbar("草稿已保存")).ToBeVisibleAsync();
        await designer.Publish.ClickAsync();
        await Expect(designer.Snackbar("已发布 v1")).ToBeVisibleAsync();
        await Expect(designer.HistoryStatus(1)).ToHaveTextAsync("已发布");
        await designer.Node("task-1").ClickAsync();
        await page.ScreenshotAsync(new() { Path = "/tmp/flow-designer.png", FullPage = true });
    }
}
